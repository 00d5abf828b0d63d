import { createEmulator, DEMO, type Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { parseEnv } from '../../src/env';
import { TOKEN_SECRET } from '../harness';

/**
 * Thousands of signed deliveries of real emulator events, shuffled, with duplicates, stale
 * timestamps, bad signatures and tampered bodies, across a server restart over the same PGlite
 * data folder. Stripe redelivers whatever did not get a 2xx; the ledger must end with each good
 * event exactly once and none of the bad ones.
 */
const SECRET = 'whsec_storm_secret';
const EVENTS = 1000;

let emulator: Emulator;
let stripe: Stripe;
let dataDir: string;
beforeAll(() => {
  emulator = createEmulator({ seed: 'demo' });
  stripe = new Stripe('sk_test_storm', { httpClient: emulator.httpClient });
  dataDir = mkdtempSync(path.join(tmpdir(), 'portal-storm-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function serverOverDataDir(): Promise<FastifyInstance> {
  const env = parseEnv({
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: TOKEN_SECRET,
    WEB_DIST_DIR: '/nonexistent',
    STRIPE_WEBHOOK_SECRET: SECRET,
    DATA_DIR: dataDir,
  });
  return buildApp({
    env,
    stripe: { stripe, publishableKey: 'pk_test_storm', stripeJsUrl: null, emulator: null, close: async () => {} },
  });
}

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
}
const random = seeded(424242);
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface Delivery {
  id: string;
  kind: 'good' | 'duplicate' | 'stale' | 'bad signature' | 'tampered';
  payload: string;
  signature: string;
}

/** Real events: customer, subscription and tax-ID changes made through the API. */
async function makeEvents(): Promise<Stripe.Event[]> {
  const before = new Set(
    (await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).map((e) => e.id),
  );
  const customers = Object.values(DEMO.customers);
  for (let i = 0; i < EVENTS; i++) {
    const customer = customers[i % customers.length]!;
    if (i % 5 === 4) {
      const taxId = await stripe.customers.createTaxId(customer, { type: 'eu_vat', value: `DE${100_000_000 + i}` });
      await stripe.customers.deleteTaxId(customer, taxId.id);
    } else await stripe.customers.update(customer, { metadata: { storm: String(i) } });
  }
  return (await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
    (e) => !before.has(e.id),
  );
}

function deliveriesFor(events: Stripe.Event[]): Delivery[] {
  const now = Math.floor(Date.now() / 1000);
  const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
    stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? SECRET,
      timestamp: opts.timestamp ?? now,
    });
  const out: Delivery[] = [];
  events.forEach((event, i) => {
    const payload = JSON.stringify(event);
    out.push({ id: event.id, kind: 'good', payload, signature: sign(payload) });
    if (i % 3 === 0) out.push({ id: event.id, kind: 'duplicate', payload, signature: sign(payload) });
    // Bad deliveries carry ids of their own, so "nothing applied" is checkable in the ledger.
    const forged = (id: string) => JSON.stringify({ ...event, id });
    if (i % 7 === 0)
      out.push({
        id: `evt_stale_${i}`,
        kind: 'stale',
        payload: forged(`evt_stale_${i}`),
        signature: sign(forged(`evt_stale_${i}`), { timestamp: now - 3600 }),
      });
    if (i % 7 === 1)
      out.push({
        id: `evt_badsig_${i}`,
        kind: 'bad signature',
        payload: forged(`evt_badsig_${i}`),
        signature: sign(forged(`evt_badsig_${i}`), { secret: 'whsec_attacker' }),
      });
    if (i % 7 === 2)
      out.push({
        id: `evt_tamper_${i}`,
        kind: 'tampered',
        payload: forged(`evt_tamper_${i}`),
        signature: sign(payload),
      });
  });
  return shuffle(out);
}

async function deliver(app: FastifyInstance, d: Delivery): Promise<number> {
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload: d.payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': d.signature },
    });
    return res.statusCode;
  } catch {
    return 0; // the server went away mid-request: Stripe sees no 2xx and will retry
  }
}

/** Delivers with a few requests in flight at once, like Stripe does; returns each delivery's status. */
async function deliverAll(app: FastifyInstance, deliveries: Delivery[], concurrency = 8): Promise<number[]> {
  const statuses = new Array<number>(deliveries.length).fill(0);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const i = next++;
        statuses[i] = await deliver(app, deliveries[i]!);
      }
    }),
  );
  return statuses;
}

describe('webhook storm across a restart', () => {
  it('applies each good event exactly once, refuses every bad one, loses none', { timeout: 120_000 }, async () => {
    const events = await makeEvents();
    expect(events.length).toBeGreaterThanOrEqual(EVENTS);
    const deliveries = deliveriesFor(events);
    const half = Math.floor(deliveries.length / 2);

    // First server: half the stream, then it goes away while deliveries are still arriving.
    const first = await serverOverDataDir();
    const firstStatuses = await deliverAll(first, deliveries.slice(0, half));
    const inFlight = deliveries.slice(half, half + 16);
    const cut = Promise.all(inFlight.map((d) => deliver(first, d)));
    await first.close();
    const cutStatuses = await cut;

    // Second server over the same data folder: the rest, then Stripe's redelivery of every good
    // event that never got a 2xx (its retry schedule, compressed).
    const second = await serverOverDataDir();
    const restStatuses = await deliverAll(second, deliveries.slice(half + 16));
    const statuses = [...firstStatuses, ...cutStatuses, ...restStatuses];
    const unanswered = deliveries.filter(
      (d, i) => (d.kind === 'good' || d.kind === 'duplicate') && statuses[i] !== 200,
    );
    const redelivered = await deliverAll(second, unanswered);

    const bad = deliveries.filter((d) => d.kind !== 'good' && d.kind !== 'duplicate');
    deliveries.forEach((d, i) => {
      if (d.kind !== 'good' && d.kind !== 'duplicate') expect(statuses[i], `${d.kind} ${d.id}`).toBe(400);
    });
    expect(redelivered.every((s) => s === 200)).toBe(true);

    const ledger = await second.db.selectFrom('webhook_events').select('event_id').execute();
    const audit = await second.db
      .selectFrom('audit_log')
      .select(['action', 'input_summary'])
      .where('action', 'like', 'webhook:%')
      .execute();
    await second.close();

    const ledgerIds = ledger.map((r) => r.event_id);
    const goodIds = events.map((e) => e.id).sort();
    // Each good event in the ledger exactly once, nothing else (no bad id, no seed leftovers).
    expect(
      ledgerIds.filter(
        (id) => id.startsWith('evt_stale_') || id.startsWith('evt_badsig_') || id.startsWith('evt_tamper_'),
      ),
    ).toEqual([]);
    expect([...ledgerIds].sort()).toEqual(goodIds);
    // Its effect (the audit row and the push) happened once per event, on both sides of the restart.
    const audited = audit.map((r) => (r.input_summary as { eventId: string }).eventId).sort();
    expect(audited).toEqual(goodIds);

    console.log(
      `[webhooks] ${deliveries.length + unanswered.length} deliveries of ${events.length} events (${deliveries.filter((d) => d.kind === 'duplicate').length} duplicates, ${bad.length} bad: stale/bad signature/tampered → 400), shuffled, server restarted mid-stream (${cutStatuses.filter((s) => s !== 200).length} of ${inFlight.length} in-flight cut, ${unanswered.length} redelivered); ledger: ${ledgerIds.length} events, each once; bad applied: 0; lost: 0`,
    );
  });
});
