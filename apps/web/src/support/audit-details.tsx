import type { AuditEntryView } from '@portal/client';

/**
 * The part of an audit row a reader needs at a glance: why a view-as was started, which pages a
 * visit saw. Other rows show nothing here; their input stays in the row's data.
 */
export function AuditDetails({ entry }: { entry: Pick<AuditEntryView, 'action'> & { inputSummary?: unknown } }) {
  const summary = (entry.inputSummary ?? {}) as { reason?: unknown; pages?: unknown };
  if (entry.action === 'support.startViewAs' && typeof summary.reason === 'string') return <span>Reason: {summary.reason}</span>;
  if (entry.action === 'support.viewed' && Array.isArray(summary.pages)) {
    const pages = summary.pages.filter((p): p is string => typeof p === 'string').map((p) => p.replace(/^billing\./, ''));
    return <span>Pages seen: {pages.join(', ')}</span>;
  }
  return null;
}

/** The audit trail's action filter: what support looks for, rather than a free-text action name. */
export const ACTION_FILTERS = [
  { value: '', label: 'Any action' },
  { value: 'support.viewed', label: 'Visits (pages viewed)' },
  { value: 'support.*', label: 'View-as started, stopped, viewed' },
  { value: 'billing.*', label: 'Billing changes' },
] as const;
