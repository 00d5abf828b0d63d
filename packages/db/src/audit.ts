import { sql, type Kysely } from 'kysely';
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

export interface AuditFilter {
  customerId?: string | undefined;
  /** Exact action, or a prefix when it ends with `*` (`view:*`). */
  action?: string | undefined;
  outcome?: AuditRecord['outcome'] | undefined;
  /** Rows older than this `seq` (the previous page's last one). */
  beforeSeq?: string | undefined;
  limit?: number | undefined;
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
    /**
     * A page read during a support visit. Each visit has one `support.viewed` row listing the
     * pages seen, in first-seen order; one statement, so concurrent reads of one visit cannot
     * make a second row (the unique index on the visit decides).
     */
    async recordVisitRead(entry: {
      actorUserId: string;
      customerId: string;
      impersonationId: string;
      page: string;
      outcome: 'ok' | 'failed';
    }): Promise<void> {
      const page = JSON.stringify([entry.page]);
      await sql`
        insert into audit_log (actor_user_id, actor_role, customer_id, action, input_summary, outcome, impersonation_id)
        values (${entry.actorUserId}, 'support', ${entry.customerId}, 'support.viewed', jsonb_build_object('pages', ${page}::jsonb), ${entry.outcome}, ${entry.impersonationId})
        on conflict (impersonation_id) where action = 'support.viewed' do update set
          input_summary = case
            when audit_log.input_summary->'pages' @> ${page}::jsonb then audit_log.input_summary
            else jsonb_set(audit_log.input_summary, '{pages}', (audit_log.input_summary->'pages') || ${page}::jsonb)
          end,
          outcome = case when excluded.outcome = 'failed' then 'failed' else audit_log.outcome end
      `.execute(db);
    },
    /** Newest first. */
    list(filter: AuditFilter): Promise<AuditEntry[]> {
      let q = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(filter.limit ?? 50);
      if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
      if (filter.action?.endsWith('*'))
        q = q.where('action', 'like', `${filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`);
      else if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
      if (filter.beforeSeq) q = q.where('seq', '<', filter.beforeSeq);
      return q.execute();
    },
  };
}
