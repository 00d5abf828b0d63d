import Stripe from 'stripe';
import { WEBHOOK_SECRET } from './portal-process';

const signer = new Stripe('sk_test_bench_signer');

/** A `customer.updated` event as Stripe would send it, signed with the portal's webhook secret. */
export function signedCustomerEvent(eventId: string, customerId: string) {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    type: 'customer.updated',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: customerId, object: 'customer' } },
  });
  return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
}

export async function postEvent(portalUrl: string, event: { payload: string; signature: string }): Promise<string> {
  const res = await fetch(`${portalUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
    body: event.payload,
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { outcome: string }).outcome;
}
