import { DemoLoginInput, ErrorReason, FailureCode } from '@portal/contract';
import { auditRepo, impersonationsRepo, usersRepo, verifyPassword, type Database } from '@portal/db';
import type { Kysely } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import { signInThrottle } from '../auth/sign-in-throttle';
import { DEMO_PASSWORD, type DemoLogin } from '../demo-seed';
import { HttpFailure } from '../errors/http-failure';

/** Embedded mode only: password login for the seeded demo users. */
export const demoLoginRoutes: FastifyPluginAsync<{ accounts: DemoLogin[] }> = async (app, { accounts }) => {
  app.get('/auth/demo/accounts', async () => ({ password: DEMO_PASSWORD, accounts }));

  const throttle = signInThrottle(app.db);
  app.post('/auth/demo/login', async (request, reply) => {
    const parsed = DemoLoginInput.safeParse(request.body);
    if (!parsed.success) throw new HttpFailure(FailureCode.badRequest, 'Enter an email address and a password.');
    const { email, password } = parsed.data;
    // Checked before the password, so a locked account gives no hint whether a guess was right.
    const wait = await throttle.retryAfterSeconds(email);
    if (wait !== null) {
      throw new HttpFailure(
        FailureCode.tooManyRequests,
        `Too many failed sign-in attempts for this account. Please wait ${wait} s and try again.`,
        {
          reason: ErrorReason.tooManySignInAttempts,
          headers: { 'retry-after': String(wait) },
        },
      );
    }
    const user = await usersRepo(app.db).findByEmail(email);
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      // Unknown emails count too: otherwise the delay would tell which accounts exist.
      await throttle.failed(email);
      throw new HttpFailure(FailureCode.unauthorized, 'That email and password do not match a demo account.');
    }
    await throttle.succeeded(email);
    const identity = { userId: user.id, email: user.email, name: user.name, role: user.role };
    if (user.role === 'support') await endViewAsOnSignIn(app.db, user.id);
    await app.auth.startSession(reply, identity);
    return identity;
  });
};

/**
 * Sign-out revokes the server-side session, so a copy of the cookie (another tab, a saved request,
 * a shared computer) stops working on every instance, not only in this browser. "Sign out
 * everywhere" revokes every session of the signed-in user.
 */
export const logoutRoute: FastifyPluginAsync = async (app) => {
  app.post('/auth/logout', async (request, reply) => {
    await app.auth.endSession(request, reply);
    return { ok: true };
  });
  app.post('/auth/logout-everywhere', async (request, reply) => {
    if (!(await app.auth.sessionOf(request))) throw new HttpFailure(FailureCode.unauthorized, 'Please sign in first.');
    const ended = await app.auth.endAllSessions(request, reply);
    return { ok: true, ended };
  });
};

/**
 * A view-as belongs to the agent, not to a browser: without this, signing in on another computer
 * would open straight into a customer's billing left open elsewhere. A new sign-in starts clean.
 */
async function endViewAsOnSignIn(db: Kysely<Database>, supportUserId: string) {
  const ended = await impersonationsRepo(db).stop(supportUserId, new Date());
  if (!ended) return;
  await auditRepo(db).record({
    actorUserId: supportUserId,
    actorRole: 'support',
    customerId: ended.customer_id,
    action: 'support.stopViewAs',
    inputSummary: { why: 'signed in again' },
    outcome: 'ok',
    impersonationId: ended.id,
  });
}
