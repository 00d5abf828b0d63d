import { Agent, request } from 'node:http';
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

/**
 * Kept-alive connections through node:http: the load generator shares two cores with the server,
 * and `fetch` (undici) spent about as much CPU per delivery as the portal does handling it.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function postEvent(portalUrl: string, event: { payload: string; signature: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${portalUrl}/webhooks/stripe`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(event.payload),
          'stripe-signature': event.signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (!res.statusCode || res.statusCode < 200 || res.statusCode >= 300)
            return reject(new Error(`webhook answered ${res.statusCode}: ${body}`));
          try {
            resolve((JSON.parse(body) as { outcome: string }).outcome);
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(event.payload);
  });
}
