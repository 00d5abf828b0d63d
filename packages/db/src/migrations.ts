import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations are plain SQL that both PGlite and Postgres run unchanged. They live in code (not
 * files read at run time) so the server needs nothing beside its bundle. Append; never edit.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    up: statements(`
        create table users (
          id text primary key,
          email text not null unique,
          name text,
          role text not null check (role in ('customer', 'support')),
          password_hash text,
          created_at timestamptz not null default now()
        );
        create table customer_links (
          user_id text primary key references users(id) on delete cascade,
          stripe_customer_id text not null,
          created_at timestamptz not null default now()
        );
        create index customer_links_customer on customer_links (stripe_customer_id);
        create table audit_log (
          id uuid primary key default gen_random_uuid(),
          seq bigserial not null,
          at timestamptz not null default now(),
          actor_user_id text,
          actor_role text not null,
          customer_id text,
          action text not null,
          input_summary jsonb,
          outcome text not null check (outcome in ('ok', 'refused', 'failed')),
          impersonation_id text
        );
        create index audit_log_customer on audit_log (customer_id, seq desc);
        create table webhook_events (
          event_id text primary key,
          type text not null,
          received_at timestamptz not null default now()
        );
      `),
  },
  // Support "view as": one row per impersonation; the server resolves an active one into a read-only viewer.
  '0002_impersonations': {
    up: statements(`
        create table impersonations (
          id uuid primary key default gen_random_uuid(),
          support_user_id text not null references users(id) on delete cascade,
          customer_id text not null,
          reason text,
          started_at timestamptz not null default now(),
          expires_at timestamptz not null,
          ended_at timestamptz
        );
        create index impersonations_active on impersonations (support_user_id, expires_at) where ended_at is null;
      `),
  },
  // Host apps are the authority on their users: two of their users may share an email (a changed
  // address, a shared inbox), so email identifies only demo logins, which keep it unique.
  '0003_users_email_not_unique': {
    up: statements(`
        alter table users drop constraint users_email_key;
        create unique index users_password_email on users (email) where password_hash is not null;
        create index users_email on users (email);
      `),
  },
  // Revocable sign-in sessions: the cookie names a row, and sign-out, "sign out everywhere", the
  // idle timeout and the absolute lifetime are decided here, so every instance agrees.
  '0004_sessions': {
    up: statements(`
        create table sessions (
          id text primary key,
          user_id text not null references users(id) on delete cascade,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz not null default now(),
          expires_at timestamptz not null,
          revoked_at timestamptz
        );
        create index sessions_user on sessions (user_id) where revoked_at is null;
        create index sessions_expires on sessions (expires_at);
      `),
  },
  // Failed password sign-ins per account, so the limit holds across addresses and instances.
  '0005_sign_in_attempts': {
    up: statements(`
        create table sign_in_attempts (
          account text primary key,
          failures integer not null,
          last_failure_at timestamptz not null,
          locked_until timestamptz
        );
      `),
  },
  // A support visit's page reads are one audit row (the pages seen), not one row per read.
  '0006_audit_one_row_per_visit': {
    up: statements(`
        create unique index audit_log_visit on audit_log (impersonation_id) where action = 'support.viewed';
      `),
  },
  // The mirror of what the portal's screens read from Stripe (issue 19, decision 026). One state
  // row per mirrored customer: a webhook or a mutation raises `dirty_version` (from one sequence,
  // so every instance agrees on the order), a sync records the version it read after. A mirror is
  // fresh when `synced_version >= dirty_version`. The other tables hold Stripe's objects as read.
  '0007_mirror': {
    up: statements(`
        create sequence mirror_versions;
        create table mirror_customers (
          customer_id text primary key,
          object jsonb,
          deleted boolean not null default false,
          invoices_has_more boolean not null default false,
          dirty_version bigint not null,
          synced_version bigint not null default 0,
          dirty_at timestamptz not null default now(),
          synced_at timestamptz,
          event_id text
        );
        create index mirror_customers_dirty on mirror_customers (dirty_at) where synced_version < dirty_version;
        create table mirror_subscriptions (
          id text primary key,
          customer_id text not null,
          object jsonb not null,
          preview jsonb,
          preview_failed boolean not null default false,
          synced_at timestamptz not null,
          event_id text
        );
        create index mirror_subscriptions_customer on mirror_subscriptions (customer_id);
        create table mirror_payment_methods (
          id text primary key,
          customer_id text not null,
          object jsonb not null,
          synced_at timestamptz not null,
          event_id text
        );
        create index mirror_payment_methods_customer on mirror_payment_methods (customer_id);
        create table mirror_tax_ids (
          id text primary key,
          customer_id text not null,
          object jsonb not null,
          synced_at timestamptz not null,
          event_id text
        );
        create index mirror_tax_ids_customer on mirror_tax_ids (customer_id);
        create table mirror_invoices (
          id text primary key,
          customer_id text not null,
          object jsonb not null,
          status text,
          created bigint not null,
          -- Stripe's own order (newest first; equal creation seconds keep Stripe's tie order).
          position integer not null,
          synced_at timestamptz not null,
          event_id text
        );
        create index mirror_invoices_customer on mirror_invoices (customer_id, created desc);
      `),
  },
  // The catalog the portal offers, mirrored like a customer (one state row, versions from the same
  // sequence), so a restarted instance lists plans without a Stripe request; the cursor of the
  // events sweep (the newest event creation time it has applied); and the Stripe request budget
  // that every instance's syncs draw from (a token bucket per name, refilled by elapsed time).
  '0008_mirror_catalog_sweep_budget': {
    up: statements(`
        create table mirror_catalog (
          id text primary key,
          kind text not null,
          object jsonb not null
        );
        create table mirror_catalog_state (
          id integer primary key check (id = 1),
          dirty_version bigint not null,
          synced_version bigint not null default 0,
          synced_at timestamptz
        );
        insert into mirror_catalog_state (id, dirty_version) values (1, nextval('mirror_versions'));
        create table stripe_event_cursor (
          id integer primary key check (id = 1),
          created bigint not null,
          started bigint not null,
          swept_at timestamptz not null
        );
        create table stripe_budget (
          name text primary key,
          tokens double precision not null,
          updated_at timestamptz not null
        );
      `),
  },
};

/** Runs a script one statement at a time: prepared statements (PGlite's path) take only one. */
function statements(script: string): Migration['up'] {
  const parts = script
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return async (db) => {
    for (const part of parts) await sql.raw(part).execute(db);
  };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Name the schema: Kysely otherwise looks for its bookkeeping tables in every schema, and a
  // database shared by several schemas (tests, tenants) would see another schema's tables.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema ?? 'public';
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
