import { z } from 'zod';

/** An amount in the currency's smallest unit (cents, or yen for zero-decimal currencies). */
export const Money = z.object({
  amount: z.number().int(),
  currency: z.string().length(3),
});
export type Money = z.infer<typeof Money>;
