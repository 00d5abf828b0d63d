/** The host app's own session: its backend signs a short-lived token the portal verifies. */
interface HostSession {
  token: string;
  portalUrl: string;
}

let cached: { session: HostSession; until: number } | null = null;

export async function hostSession(): Promise<HostSession> {
  if (cached && cached.until > Date.now()) return cached.session;
  const response = await fetch('/host/session');
  if (!response.ok) throw new Error('The host app could not start a billing session');
  const session = (await response.json()) as HostSession;
  // Tokens live ten minutes; refresh a minute early.
  cached = { session, until: Date.now() + 9 * 60_000 };
  return session;
}
