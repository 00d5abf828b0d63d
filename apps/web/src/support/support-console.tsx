import { errorText, usePortalIntl, useTRPC } from '@portal/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AuditLog } from './audit-log';

/** Support staff: find a customer, open their portal read-only (audited), read the audit trail. */
export default function SupportConsole() {
  const intl = usePortalIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [tab, setTab] = useState<'customers' | 'audit'>('customers');
  return (
    <section className="support" aria-labelledby="support-title">
      <h1 id="support-title">{t('support.title')}</h1>
      <div role="tablist" aria-label={t('support.sections')} className="tabs">
        <button role="tab" type="button" aria-selected={tab === 'customers'} onClick={() => setTab('customers')}>
          {t('support.tab.customers')}
        </button>
        <button role="tab" type="button" aria-selected={tab === 'audit'} onClick={() => setTab('audit')}>
          {t('support.tab.audit')}
        </button>
      </div>
      {tab === 'customers' ? <CustomerSearch /> : <AuditLog />}
    </section>
  );
}

function CustomerSearch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState('');
  const intl = usePortalIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  // The server refuses a view-as without a reason; the form says so before anyone clicks.
  const hasReason = reason.trim().length >= 3;
  const results = useQuery(trpc.support.searchCustomers.queryOptions({ query }, { enabled: query.length >= 3 }));
  const startViewAs = useMutation(
    trpc.support.startViewAs.mutationOptions({
      // The viewer changes (read-only, another customer): every cached answer is stale.
      onSuccess: async () => {
        window.history.pushState(null, '', '/billing');
        await queryClient.resetQueries();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery(draft.trim());
  }

  return (
    <div className="card">
      <form onSubmit={submit} className="inline-form">
        <label>
          {t('support.search.label')}
          <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} minLength={3} required />
        </label>
        <button type="submit" className="primary">
          {t('support.search.submit')}
        </button>
      </form>
      <label>
        {t('support.reason.label')}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          minLength={3}
          required
          aria-describedby="reason-hint"
          placeholder={t('support.reason.placeholder')}
        />
      </label>
      {!hasReason && (
        <p id="reason-hint" className="muted">
          {t('support.reason.hint')}
        </p>
      )}
      {results.isFetching && <p role="status">{t('support.search.pending')}</p>}
      {results.error && (
        <p role="alert" className="error">
          {errorText(intl, results.error)}
        </p>
      )}
      {startViewAs.error && (
        <p role="alert" className="error">
          {errorText(intl, startViewAs.error)}
        </p>
      )}
      {results.data && results.data.customers.length === 0 && (
        <p className="empty-state" role="status">
          {intl.formatMessage({ id: 'support.noCustomers' }, { query })}
        </p>
      )}
      {results.data && results.data.customers.length > 0 && (
        <table className="table">
          <caption className="muted">
            {intl.formatMessage({ id: 'support.customersFound' }, { count: results.data.customers.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('support.column.name')}</th>
              <th scope="col">{t('support.column.email')}</th>
              <th scope="col">{t('support.column.customer')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('support.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {results.data.customers.map((c) => (
              <tr key={c.id}>
                <td>{c.name ?? '—'}</td>
                <td>{c.email ?? '—'}</td>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={startViewAs.isPending || !hasReason}
                    onClick={() => startViewAs.mutate({ customerId: c.id, reason: reason.trim() })}
                    aria-label={t('support.viewAs.label', { name: c.name ?? c.email ?? c.id })}
                  >
                    {t('support.viewAs')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
