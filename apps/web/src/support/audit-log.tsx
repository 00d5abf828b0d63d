import { useTRPC } from '@portal/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditInput } from './audit-input';
import { ACTION_FILTERS, AuditDetails } from './audit-details';

type Outcome = 'ok' | 'refused' | 'failed';

/** The audit trail with filters: who did what to which customer, and how it ended. */
export function AuditLog() {
  const trpc = useTRPC();
  const [customerId, setCustomerId] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const filters = {
    ...(/^cus_\w+$/.test(customerId.trim()) ? { customerId: customerId.trim() } : {}),
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(outcome ? { outcome } : {}),
    limit: 50,
  };
  const log = useInfiniteQuery(trpc.support.auditLog.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="card">
      <div className="filters">
        <label>Customer id<input value={customerId} onChange={(e) => setCustomerId(e.target.value)} placeholder="cus_…" /></label>
        <label>
          Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            {ACTION_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </label>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
            <option value="">Any</option>
            <option value="ok">Done</option>
            <option value="refused">Refused</option>
            <option value="failed">Failed</option>
          </select>
        </label>
      </div>
      {log.error && <p role="alert" className="error">{log.error.message}</p>}
      <table className="table">
        <caption className="visually-hidden">Audit trail</caption>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Customer</th><th scope="col">Action</th><th scope="col">Details (input as recorded)</th><th scope="col">Outcome</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label="When">{new Date(e.at).toLocaleString()}</td>
              <td data-label="Who">{e.actorRole}{e.actorUserId ? <> (<code>{e.actorUserId}</code>)</> : ''}{e.impersonationId ? ' · view-as' : ''}</td>
              <td data-label="Customer"><code>{e.customerId ?? '—'}</code></td>
              <td data-label="Action"><code>{e.action}</code></td>
              <td className="audit-details-cell" data-label="Details">{e.action === 'support.startViewAs' || e.action === 'support.viewed' ? <AuditDetails entry={e} /> : <AuditInput value={e.inputSummary} />}</td>
              <td data-label="Outcome"><span className={`outcome outcome-${e.outcome}`}>{e.outcome}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.isPending && <p role="status">Loading…</p>}
      {!log.isPending && entries.length === 0 && <p className="muted">No entries match these filters.</p>}
      {log.hasNextPage && <button type="button" className="secondary" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>Load more</button>}
    </div>
  );
}
