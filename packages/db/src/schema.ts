import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  role: 'customer' | 'support';
  /** scrypt hash; only demo users (embedded mode) have one, host-app users log in by token. */
  password_hash: string | null;
  created_at: CreatedAt;
}

/** The user → Stripe customer link. Stripe stays the source of truth for billing data. */
export interface CustomerLinksTable {
  user_id: string;
  stripe_customer_id: string;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  seq: Generated<string>;
  at: CreatedAt;
  actor_user_id: string | null;
  actor_role: 'customer' | 'support' | 'system';
  customer_id: string | null;
  action: string;
  input_summary: ColumnType<unknown, string | null, never>;
  outcome: 'ok' | 'refused' | 'failed';
  impersonation_id: string | null;
}

/** Webhook event ledger: one row per Stripe event id, so each takes effect once. */
export interface WebhookEventsTable {
  event_id: string;
  type: string;
  received_at: CreatedAt;
}

/** A support agent's time-limited, read-only view of one customer's portal. */
export interface ImpersonationsTable {
  id: Generated<string>;
  support_user_id: string;
  customer_id: string;
  reason: string | null;
  started_at: CreatedAt;
  expires_at: ColumnType<Date, Date, Date>;
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A portal sign-in session; the cookie carries its id, signed. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date, Date>;
  /** The absolute end, whatever the activity. */
  expires_at: ColumnType<Date, Date, Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Consecutive failed password sign-ins of one account (its normalised email). */
export interface SignInAttemptsTable {
  account: string;
  failures: number;
  last_failure_at: ColumnType<Date, Date, Date>;
  locked_until: ColumnType<Date | null, Date | null, Date | null>;
}

/** One mirrored customer: Stripe's customer object and whether the rest of the mirror is fresh. */
export interface MirrorCustomersTable {
  customer_id: string;
  object: ColumnType<unknown, string | null, string | null>;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
  invoices_has_more: ColumnType<boolean, boolean | undefined, boolean>;
  dirty_version: ColumnType<string, string | number, string | number>;
  synced_version: ColumnType<string, string | number | undefined, string | number>;
  dirty_at: ColumnType<Date, Date | string | undefined, Date | string>;
  synced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  event_id: string | null;
}

/** A Stripe object of a mirrored customer, as the last sync read it. */
interface MirrorObjectColumns {
  id: string;
  customer_id: string;
  object: ColumnType<unknown, string, string>;
  synced_at: ColumnType<Date, Date, Date>;
  event_id: string | null;
}

export interface MirrorSubscriptionsTable extends MirrorObjectColumns {
  /** Stripe's next-invoice preview; null when none is due or it failed (`preview_failed`). */
  preview: ColumnType<unknown, string | null, string | null>;
  preview_failed: boolean;
}

export interface MirrorInvoicesTable extends MirrorObjectColumns {
  status: string | null;
  created: ColumnType<string, number, number>;
  position: number;
}

/** A product or price of the catalog, as the last catalog sync read it. */
export interface MirrorCatalogTable {
  id: string;
  kind: 'product' | 'price';
  object: ColumnType<unknown, string, string>;
}

/** The one row saying whether the mirrored catalog is fresh (versions as for customers). */
export interface MirrorCatalogStateTable {
  id: number;
  dirty_version: ColumnType<string, string | number, string | number>;
  synced_version: ColumnType<string, string | number | undefined, string | number>;
  synced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Where the events sweep stands: the creation time (Unix seconds) of the newest event it applied. */
export interface StripeEventCursorTable {
  id: number;
  created: ColumnType<string, number, number>;
  /** The cursor's first position: events at or before it predate the portal (the backfill's, not the sweep's). */
  started: ColumnType<string, number, never>;
  swept_at: ColumnType<Date, Date, Date>;
}

/** A token bucket of Stripe requests shared by every instance. */
export interface StripeBudgetTable {
  name: string;
  tokens: number;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

export interface Database {
  mirror_catalog: MirrorCatalogTable;
  mirror_catalog_state: MirrorCatalogStateTable;
  stripe_event_cursor: StripeEventCursorTable;
  stripe_budget: StripeBudgetTable;
  mirror_customers: MirrorCustomersTable;
  mirror_subscriptions: MirrorSubscriptionsTable;
  mirror_payment_methods: MirrorObjectColumns;
  mirror_tax_ids: MirrorObjectColumns;
  mirror_invoices: MirrorInvoicesTable;
  sign_in_attempts: SignInAttemptsTable;
  sessions: SessionsTable;
  users: UsersTable;
  impersonations: ImpersonationsTable;
  customer_links: CustomerLinksTable;
  audit_log: AuditLogTable;
  webhook_events: WebhookEventsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Impersonation = Selectable<ImpersonationsTable>;
export type Session = Selectable<SessionsTable>;
