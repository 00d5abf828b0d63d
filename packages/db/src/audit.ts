import type { Kysely } from 'kysely';
import type { AuditEntry, Database } from './schema';

export interface AuditRecord {
  actorUserId: string | null;
  actorRole: 'customer' | 'support' | 'system';
  customerId: string | null;
  action: string;
  inputSummary?: unknown;
  outcome: 'ok' | 'refused' | 'failed';
  impersonationId?: string | null;
}

export function auditRepo(db: Kysely<Database>) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor_user_id: entry.actorUserId,
          actor_role: entry.actorRole,
          customer_id: entry.customerId,
          action: entry.action,
          input_summary: entry.inputSummary === undefined ? null : JSON.stringify(entry.inputSummary),
          outcome: entry.outcome,
          impersonation_id: entry.impersonationId ?? null,
        })
        .execute();
    },
    list(filter: { customerId?: string; limit?: number }): Promise<AuditEntry[]> {
      let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(filter.limit ?? 50);
      if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
      return q.execute();
    },
  };
}
