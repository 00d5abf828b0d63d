import { ErrorReason } from '@portal/contract';
import { impersonationsRepo } from '@portal/db';
import { TRPCError } from '@trpc/server';
import type { Context, Viewer } from '../../context';

/** How often a view-as stream re-reads its impersonation, for stops made on another instance. */
const VIEW_AS_RECHECK_MS = 1000;

export interface StreamLifetime {
  /** Aborts when the client goes away or the viewer's authority ends. */
  signal: AbortSignal;
  /** Why the authority ended (to send to the client), or null while it holds or after a disconnect. */
  ended(): TRPCError | null;
  release(): void;
}

/**
 * How long a live stream may keep delivering: while the client is connected, the viewer's session
 * holds (not signed out or revoked anywhere) and, for a support agent, the very view-as it was
 * opened under is running. A view-as ends at its expiry exactly (a timer), at once when stopped or
 * replaced on this instance (the change hub tells), and within a second when stopped elsewhere
 * (re-read every second; support streams are few).
 */
export function streamLifetime(ctx: Context & { viewer: Viewer }, client: AbortSignal | undefined): StreamLifetime {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  let reason: TRPCError | null = null;
  const end = (why: TRPCError | null) => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort();
  };

  const onClientGone = () => end(null);
  client?.addEventListener('abort', onClientGone);
  cleanups.push(() => client?.removeEventListener('abort', onClientGone));
  if (client?.aborted) end(null);

  const session = ctx.sessionEnded?.();
  if (session) {
    const onSignedOut = () =>
      end(
        new TRPCError({
          code: 'UNAUTHORIZED',
          message: 'Your session has ended. Please sign in again.',
          cause: { reason: ErrorReason.signInRequired },
        }),
      );
    session.signal.addEventListener('abort', onSignedOut);
    if (session.signal.aborted) onSignedOut();
    cleanups.push(() => session.signal.removeEventListener('abort', onSignedOut), session.release);
  }

  const { impersonationId, userId } = ctx.viewer;
  if (impersonationId) {
    const viewAsEnded = () =>
      new TRPCError({
        code: 'FORBIDDEN',
        message: 'The view-as session has ended.',
        cause: { reason: ErrorReason.viewAsEnded },
      });
    let expiryTimer: NodeJS.Timeout | null = null;
    const recheck = async () => {
      try {
        const active = await impersonationsRepo(ctx.db).active(userId, ctx.now());
        if (!active || active.id !== impersonationId) return end(viewAsEnded());
        if (expiryTimer) clearTimeout(expiryTimer);
        expiryTimer = setTimeout(
          () => end(viewAsEnded()),
          Math.max(0, active.expires_at.getTime() - ctx.now().getTime()),
        );
      } catch {
        // The database is unreachable: keep the stream; the next re-check decides.
      }
    };
    void recheck();
    const poll = setInterval(() => void recheck(), VIEW_AS_RECHECK_MS);
    cleanups.push(
      () => clearInterval(poll),
      () => expiryTimer && clearTimeout(expiryTimer),
      ctx.changes.onViewAsChanged(userId, () => void recheck()),
    );
  }

  return {
    signal: controller.signal,
    ended: () => reason,
    release() {
      end(null);
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
