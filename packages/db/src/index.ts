export { createDb, type DbHandle, type DbOptions } from './create-db';
export { usersRepo, hashPassword, verifyPassword } from './users';
export { customerLinksRepo } from './customer-links';
export { auditRepo, type AuditFilter, type AuditRecord } from './audit';
export { impersonationsRepo } from './impersonations';
export { sessionsRepo } from './sessions';
export { signInAttemptsRepo } from './sign-in-attempts';
export type * from './schema';
export { webhookEventsRepo, type LedgerEntry } from './webhook-events';
export { pgliteNotifier, postgresNotifier, type Notifier } from './notifier';
export { inProcessLocks, postgresLocks, CustomerLockTimeout, type CustomerLocks } from './customer-locks';
export {
  mirrorRepo,
  MIRROR_CHANNEL,
  type MirrorRepo,
  type MirrorSnapshot,
  type MirrorState,
  type MirroredCustomer,
} from './mirror';
export { catalogMirrorRepo, type CatalogMirrorRepo, type CatalogSnapshot } from './mirror-catalog';
export { stripeBudget, type StripeBudget, type StripeBudgetOptions, type BudgetPriority } from './stripe-budget';
export { eventCursorRepo } from './event-cursor';
