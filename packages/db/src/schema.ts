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

export interface Database {
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
