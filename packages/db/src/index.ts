export { createDb, type DbHandle, type DbOptions } from './create-db';
export { usersRepo, hashPassword, verifyPassword } from './users';
export { customerLinksRepo } from './customer-links';
export { auditRepo, type AuditRecord } from './audit';
export type * from './schema';
