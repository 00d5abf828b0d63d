import type Stripe from 'stripe';
import { z } from 'zod';
import { resolverFor } from './resolve-target';

/**
 * What a signed event must look like before anything acts on it. A correctly signed event can
 * still be malformed (a bug on the sender's side, a hand-made test, a leaked secret): such an event
 * will never become valid by retrying, so it is refused with a 4xx rather than failing later with
 * a 5xx that Stripe would retry for three days. Only the fields the portal reads are checked, so
 * events of types it ignores pass with any payload Stripe may send.
 */
const Id = z.string().min(1).max(255);
const Ref = z.union([Id, z.object({ id: Id }).loose()]).nullish();

const Envelope = z
  .object({
    id: z.string().regex(/^evt_\w{1,250}$/, 'id must look like evt_…'),
    type: z
      .string()
      .max(120)
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'type must look like resource.action'),
    created: z.number().int().nonnegative(),
    data: z
      .object({
        object: z.record(z.string(), z.unknown()),
        previous_attributes: z.record(z.string(), z.unknown()).optional(),
      })
      .loose(),
  })
  .loose();

/** The fields `resolve-target.ts` reads, for the event types it handles. */
const Handled = z
  .object({
    data: z
      .object({
        object: z.object({ id: Id, object: z.string().max(100).optional(), customer: Ref }).loose(),
        previous_attributes: z.object({ customer: Ref }).loose().optional(),
      })
      .loose(),
  })
  .loose();

export type EventShape = { ok: true; event: Stripe.Event } | { ok: false; reason: string };

export function checkEventShape(parsed: unknown): EventShape {
  const envelope = Envelope.safeParse(parsed);
  if (!envelope.success) return { ok: false, reason: firstIssue(envelope.error) };
  if (resolverFor(envelope.data.type)) {
    const handled = Handled.safeParse(parsed);
    if (!handled.success) return { ok: false, reason: firstIssue(handled.error) };
  }
  return { ok: true, event: parsed as Stripe.Event };
}

/** A short, fixed-size reason: the path and zod's message, never the offending value. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid event';
  return `${issue.path.join('.') || 'event'}: ${issue.message}`.slice(0, 160);
}
