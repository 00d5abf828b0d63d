/**
 * A check whose result is shared for `ttlMs`: every probe within that time gets the last answer,
 * and probes that arrive while a check runs wait for that same run. Readiness probes come from
 * anyone who can reach the server, so the number of calls to a metered dependency (Stripe's rate
 * limit) must depend on the clock only, never on how many requests arrive.
 */
export function sharedCheck(check: () => Promise<unknown>, opts: { ttlMs: number; now?: () => number }): () => Promise<boolean> {
  const now = opts.now ?? Date.now;
  let last: { ok: boolean; at: number } | null = null;
  let running: Promise<boolean> | null = null;
  return () => {
    if (last && now() - last.at < opts.ttlMs) return Promise.resolve(last.ok);
    running ??= check().then(
      () => true,
      () => false,
    ).then((ok) => {
      last = { ok, at: now() };
      running = null;
      return ok;
    });
    return running;
  };
}
