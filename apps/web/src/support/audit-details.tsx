import { usePortalIntl, type AuditEntryView } from '@portal/client';

/**
 * The part of an audit row a reader needs at a glance: why a view-as was started, which pages a
 * visit saw. Other rows show nothing here; their input stays in the row's data.
 */
export function AuditDetails({ entry }: { entry: Pick<AuditEntryView, 'action'> & { inputSummary?: unknown } }) {
  const intl = usePortalIntl();
  const summary = (entry.inputSummary ?? {}) as { reason?: unknown; pages?: unknown };
  if (entry.action === 'support.startViewAs' && typeof summary.reason === 'string')
    return <span>{intl.formatMessage({ id: 'support.reason' }, { reason: summary.reason })}</span>;
  if (entry.action === 'support.viewed' && Array.isArray(summary.pages)) {
    const pages = summary.pages
      .filter((p): p is string => typeof p === 'string')
      .map((p) => p.replace(/^billing\./, ''));
    return <span>{intl.formatMessage({ id: 'support.audit.pagesSeen' }, { pages: intl.formatList(pages) })}</span>;
  }
  return null;
}

/** The audit trail's action filter: what support looks for, rather than a free-text action name (labels are message ids). */
export const ACTION_FILTERS = [
  { value: '', label: 'support.audit.anyAction' },
  { value: 'support.viewed', label: 'support.audit.filter.viewed' },
  { value: 'support.*', label: 'support.audit.filter.support' },
  { value: 'billing.*', label: 'support.audit.filter.billing' },
] as const;
