import { createHmac } from 'node:crypto';
import type { Core } from '../core.js';
import type { StripeObject } from '../store.js';

export interface DeliveryAttempt {
  event: string;
  type: string;
  endpoint: string;
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
}

export interface WebhookSettings {
  /** First retry delay; later ones double (Stripe backs off over ~3 days; tests want ms). */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

/** `Stripe-Signature: t=…,v1=…` over `${t}.${payload}` keyed with the whole whsec_ secret. */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function endpointWants(endpoint: StripeObject, type: string): boolean {
  const events = endpoint.enabled_events as string[];
  return events.includes('*') || events.includes(type);
}

/**
 * Delivers events to registered endpoints, at least once: non-2xx answers and network errors
 * are retried with exponential backoff. Timers are unref'd so they never keep a process alive.
 */
export class WebhookDispatcher {
  readonly log: DeliveryAttempt[] = [];
  readonly settings: WebhookSettings = { retryBaseMs: 1000, maxAttempts: 6, timeoutMs: 10_000 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private generation = 0;

  constructor(private readonly core: Core) {
    core.onEvent((event) => this.publish(event));
  }

  publish(event: StripeObject): void {
    const endpoints = this.core.store.all(
      'webhook_endpoint',
      (e) => e.status === 'enabled' && endpointWants(e, event.type),
    );
    event.pending_webhooks = endpoints.length;
    for (const endpoint of endpoints) void this.deliver(event, endpoint, 1, this.generation);
  }

  /** Drops scheduled retries (on reset). */
  cancelAll(): void {
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async deliver(
    event: StripeObject,
    endpoint: StripeObject,
    attempt: number,
    generation: number,
  ): Promise<void> {
    if (generation !== this.generation) return;
    const payload = JSON.stringify(event, null, 2);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, endpoint._secret),
        },
        body: payload,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e as Error).message;
    }
    if (generation !== this.generation) return;
    this.log.push({ event: event.id, type: event.type, endpoint: endpoint.id, attempt, at: Date.now(), status, error });
    if (this.log.length > 2000) this.log.splice(0, this.log.length - 2000);
    const ok = status !== null && status >= 200 && status < 300;
    const stored = this.core.events.get(event.id);
    if (ok) {
      if (stored) stored.pending_webhooks = Math.max(0, (stored.pending_webhooks ?? 1) - 1);
      return;
    }
    if (attempt >= this.settings.maxAttempts) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.deliver(event, endpoint, attempt + 1, generation);
      },
      this.settings.retryBaseMs * 2 ** (attempt - 1),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
