// Stand-ins for server-side libraries, used only when the package's type declarations are bundled
// (build.mjs). The router's type carries its tRPC context (the Stripe SDK, the Kysely database),
// which no browser code can reach: a client sees only procedure inputs and outputs. Replacing those
// types with opaque ones keeps the published declarations self-contained, so a host app need not
// install `stripe` or `kysely` to typecheck. A declaration the stand-ins lack fails the build.
declare const serverOnly: unique symbol;
interface ServerOnly {
  readonly [serverOnly]: never;
}

declare namespace Stripe {
  type Product = ServerOnly;
  type Price = ServerOnly;
  type Customer = ServerOnly;
  type Subscription = ServerOnly;
  type Invoice = ServerOnly;
  type PaymentMethod = ServerOnly;
  type TaxId = ServerOnly;
}
declare class Stripe implements ServerOnly {
  readonly [serverOnly]: never;
}
export default Stripe;

export declare class Kysely<DB> implements ServerOnly {
  readonly [serverOnly]: never;
  private readonly database: DB;
}
export type ColumnType<SelectType, InsertType = SelectType, UpdateType = SelectType> = ServerOnly & {
  readonly columns?: [SelectType, InsertType, UpdateType];
};
export type Generated<T> = ServerOnly & { readonly generated?: T };
export type Insertable<T> = ServerOnly & { readonly table?: T };
export type Selectable<T> = ServerOnly & { readonly table?: T };
export type Dialect = ServerOnly;
export type Driver = ServerOnly;
export declare class PostgresAdapter implements ServerOnly {
  readonly [serverOnly]: never;
}
export declare class PostgresIntrospector implements ServerOnly {
  readonly [serverOnly]: never;
}
export declare class PostgresQueryCompiler implements ServerOnly {
  readonly [serverOnly]: never;
}
