import { z } from 'zod';

/**
 * Every mutation carries a key the client makes once per user intent (a UUID). It becomes Stripe's
 * `Idempotency-Key`, scoped by customer and action, so a double click or a retry applies once.
 */
export const IdempotencyKey = z.uuid({ error: 'idempotencyKey must be a UUID made by the client' });
export const MutationInput = z.object({ idempotencyKey: IdempotencyKey });
export type MutationInput = z.infer<typeof MutationInput>;
