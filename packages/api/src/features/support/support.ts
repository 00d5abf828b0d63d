import type { AuditLogOutput, SearchCustomersOutput, ViewAsSession } from '@portal/contract';
import { auditRepo, impersonationsRepo, type AuditEntry, type Impersonation } from '@portal/db';
import type Stripe from 'stripe';
import type { Deps, Viewer } from '../../context';
import { loadCustomer } from '../../viewer/guards';

/** Long enough to answer a ticket, short enough that a forgotten tab stops showing billing data. */
export const VIEW_AS_TTL_MS = 30 * 60_000;

const toResult = (c: Stripe.Customer) => ({
  id: c.id,
  name: c.name ?? null,
  email: c.email,
  createdAt: new Date(c.created * 1000).toISOString(),
});

/**
 * An id or an email finds the customer at once (retrieve, list); a name goes through Stripe's
 * search, which is eventually consistent, so a customer created seconds ago is found by id or
 * email but not yet by name.
 */
export async function searchCustomers(deps: Deps, query: string): Promise<SearchCustomersOutput> {
  if (/^cus_\w+$/.test(query.trim())) {
    const customer = await deps.stripe.customers.retrieve(query.trim()).catch((e: unknown) => {
      if (e instanceof Error && 'code' in e && e.code === 'resource_missing') return null;
      throw e;
    });
    return { customers: customer && !customer.deleted ? [toResult(customer)] : [] };
  }
  if (query.includes('@')) {
    const page = await deps.stripe.customers.list({ email: query, limit: 20 });
    return { customers: page.data.map(toResult) };
  }
  const found = await deps.stripe.customers.search({ query: `name~'${query}'`, limit: 20 });
  return { customers: found.data.map(toResult) };
}

export async function startViewAs(
  deps: Deps,
  agent: Viewer,
  input: { customerId: string; reason: string },
): Promise<ViewAsSession> {
  const customer = await loadCustomer(deps, input.customerId);
  const row = await impersonationsRepo(deps.db).start({
    supportUserId: agent.userId,
    customerId: customer.id,
    reason: input.reason,
    now: deps.now(),
    ttlMs: VIEW_AS_TTL_MS,
  });
  await auditRepo(deps.db).record({
    actorUserId: agent.userId,
    actorRole: 'support',
    customerId: customer.id,
    action: 'support.startViewAs',
    inputSummary: { reason: input.reason, expiresAt: row.expires_at.toISOString() },
    outcome: 'ok',
    impersonationId: row.id,
  });
  // Streams opened under the view-as this one replaced end now.
  deps.changes.viewAsChanged(agent.userId);
  return sessionOf(row);
}

const sessionOf = (row: Impersonation): ViewAsSession => ({
  impersonationId: row.id,
  customerId: row.customer_id,
  expiresAt: row.expires_at.toISOString(),
  reason: row.reason,
});

/** The agent's running view-as, for the read-only banner (who, until when). */
export async function currentViewAs(deps: Deps, agent: Viewer): Promise<ViewAsSession | null> {
  const row = await impersonationsRepo(deps.db).active(agent.userId, deps.now());
  return row ? sessionOf(row) : null;
}

export async function stopViewAs(deps: Deps, agent: Viewer): Promise<{ stopped: boolean }> {
  const row = await impersonationsRepo(deps.db).stop(agent.userId, deps.now());
  // This instance's streams end at once; other instances' within a second (stream-lifetime.ts).
  deps.changes.viewAsChanged(agent.userId);
  if (row) {
    await auditRepo(deps.db).record({
      actorUserId: agent.userId,
      actorRole: 'support',
      customerId: row.customer_id,
      action: 'support.stopViewAs',
      outcome: 'ok',
      impersonationId: row.id,
    });
  }
  return { stopped: row !== undefined };
}

const toEntry = (r: AuditEntry) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorUserId: r.actor_user_id,
  actorRole: r.actor_role,
  customerId: r.customer_id,
  action: r.action,
  inputSummary: r.input_summary ?? null,
  outcome: r.outcome,
  impersonationId: r.impersonation_id,
});

export async function readAuditLog(
  deps: Deps,
  filter: {
    customerId?: string | undefined;
    action?: string | undefined;
    outcome?: 'ok' | 'refused' | 'failed' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<AuditLogOutput> {
  // One extra row tells whether another page exists without a count query.
  const rows = await auditRepo(deps.db).list({ ...filter, beforeSeq: filter.cursor, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { entries: page.map(toEntry), nextCursor: rows.length > filter.limit && last ? String(last.seq) : null };
}
