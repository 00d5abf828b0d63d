import { z } from 'zod';

export const SearchCustomersInput = z.object({
  /** An email address (exact match) or part of a name (at least three characters). */
  query: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .regex(/^[^'"\\]*$/, 'must not contain quotes or backslashes'),
});
export type SearchCustomersInput = z.infer<typeof SearchCustomersInput>;

export const CustomerSearchResult = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
});
export const SearchCustomersOutput = z.object({ customers: z.array(CustomerSearchResult) });
export type SearchCustomersOutput = z.infer<typeof SearchCustomersOutput>;

export const StartViewAsInput = z.object({
  customerId: z.string().regex(/^cus_\w+$/, 'must be a customer id (cus_…)'),
  /** Why the agent opens this customer's billing (a ticket, a call); required, kept in the audit trail. */
  reason: z.string().trim().min(3, 'say why you are viewing this customer (e.g. a ticket number)').max(500),
});
export type StartViewAsInput = z.infer<typeof StartViewAsInput>;

export const ViewAsSession = z.object({
  impersonationId: z.string(),
  customerId: z.string(),
  expiresAt: z.string(),
  reason: z.string().nullable(),
});
export type ViewAsSession = z.infer<typeof ViewAsSession>;

export const StopViewAsOutput = z.object({ stopped: z.boolean() });

export const AuditOutcome = z.enum(['ok', 'refused', 'failed']);

export const AuditLogInput = z.object({
  customerId: z
    .string()
    .regex(/^cus_\w+$/)
    .optional(),
  /** Exact action (`billing.paymentMethods.remove`) or a prefix ending in `*` (`view:*`). */
  action: z.string().trim().min(1).max(200).optional(),
  outcome: AuditOutcome.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/).optional(),
});
export type AuditLogInput = z.input<typeof AuditLogInput>;

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorRole: z.enum(['customer', 'support', 'system']),
  customerId: z.string().nullable(),
  action: z.string(),
  inputSummary: z.unknown(),
  outcome: AuditOutcome,
  impersonationId: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditLogOutput = z.object({ entries: z.array(AuditEntryView), nextCursor: z.string().nullable() });
export type AuditLogOutput = z.infer<typeof AuditLogOutput>;
