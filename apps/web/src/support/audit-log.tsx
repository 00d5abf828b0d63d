import { errorText, usePortalIntl, useTRPC } from '@portal/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditInput } from './audit-input';
import { ACTION_FILTERS, AuditDetails } from './audit-details';

type Outcome = 'ok' | 'refused' | 'failed';

/** The audit trail with filters: who did what to which customer, and how it ended. */
export function AuditLog() {
  const trpc = useTRPC();
  const intl = usePortalIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [customerId, setCustomerId] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const filters = {
    ...(/^cus_\w+$/.test(customerId.trim()) ? { customerId: customerId.trim() } : {}),
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(outcome ? { outcome } : {}),
    limit: 50,
  };
  const log = useInfiniteQuery(
    trpc.support.auditLog.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="card">
      <div className="filters">
        <label>
          {t('support.audit.customerId')}
          <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} placeholder="cus_…" />
        </label>
        <label>
          {t('support.audit.action')}
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            {ACTION_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {t(f.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('support.audit.outcome')}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
            <option value="">{t('support.audit.any')}</option>
            <option value="ok">{t('support.audit.outcome.ok')}</option>
            <option value="refused">{t('support.audit.outcome.refused')}</option>
            <option value="failed">{t('support.audit.outcome.failed')}</option>
          </select>
        </label>
      </div>
      {log.error && (
        <p role="alert" className="error">
          {errorText(intl, log.error)}
        </p>
      )}
      <table className="table">
        <caption className="visually-hidden">{t('support.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('support.audit.when')}</th>
            <th scope="col">{t('support.audit.who')}</th>
            <th scope="col">{t('support.column.customer')}</th>
            <th scope="col">{t('support.audit.action')}</th>
            <th scope="col">{t('support.audit.details')}</th>
            <th scope="col">{t('support.audit.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="audit-when" data-label={t('support.audit.when')}>
                {intl.formatDate(e.at, { dateStyle: 'medium', timeStyle: 'short' })}
              </td>
              <td data-label={t('support.audit.who')}>
                {e.actorRole}
                {e.actorUserId ? (
                  <>
                    {' '}
                    (<code>{e.actorUserId}</code>)
                  </>
                ) : (
                  ''
                )}
                {e.impersonationId ? (
                  <>
                    {' '}
                    <span className="audit-view-as">· {t('support.audit.viewAs')}</span>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td data-label={t('support.column.customer')}>
                <code>{e.customerId ?? '—'}</code>
              </td>
              <td data-label={t('support.audit.action')}>
                <code>{e.action}</code>
              </td>
              <td className="audit-details-cell" data-label={t('support.audit.details')}>
                {e.action === 'support.startViewAs' || e.action === 'support.viewed' ? (
                  <AuditDetails entry={e} />
                ) : (
                  <AuditInput value={e.inputSummary} />
                )}
              </td>
              <td data-label={t('support.audit.outcome')}>
                <span className={`outcome outcome-${e.outcome}`}>{t(`support.audit.outcome.${e.outcome}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {!log.isPending && entries.length === 0 && <p className="muted">{t('support.audit.empty')}</p>}
      {log.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          {t('support.audit.more')}
        </button>
      )}
    </div>
  );
}
