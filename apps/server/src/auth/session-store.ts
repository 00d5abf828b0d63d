import { LRUCache } from 'lru-cache';
import { sessionsRepo, type Database, type Notifier } from '@portal/db';
import type { Kysely } from 'kysely';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Server-side sign-in sessions (the cookie only names one, signed). A session ends when it is
 * revoked (sign-out, "sign out everywhere"), when it was idle longer than `idleMs`, or at its
 * absolute end, and every instance sharing the database agrees.
 *
 * Cost per request: what the database said about a session is remembered for `memoMs` (1 s), and
 * a revocation reaches the other instances at once over LISTEN/NOTIFY, so a signed-out cookie is
 * refused everywhere within about a second even if a notification is lost. Activity is written at
 * most once per `touchEveryMs` per session, not on every request.
 */
export interface SessionStore {
  /** A new session for the user; its id goes into the signed cookie. */
  create(userId: string): Promise<{ id: string; maxAgeSeconds: number }>;
  /**
   * Whether the session is live now (and belongs to `userId`). Records activity unless `touch` is
   * false: a live-updates stream reconnecting by itself is not the user doing anything.
   */
  isLive(sessionId: string, userId: string, opts?: { touch?: boolean }): Promise<boolean>;
  revoke(sessionId: string): Promise<void>;
  /** Ends every session of the user on every instance; answers how many were live. */
  revokeAllFor(userId: string): Promise<number>;
  /** Told of every revocation heard here (this instance's or another's): open streams end on it. */
  onRevoked(listener: (ended: Ended) => void): () => void;
  /** A signal that aborts when this session is revoked (here or on another instance). */
  watch(sessionId: string, userId: string): { signal: AbortSignal; release(): void };
  start(): Promise<void>;
  close(): Promise<void>;
}

export type Ended = { sessionId: string; userId?: undefined } | { userId: string; sessionId?: undefined };

export const SESSIONS_CHANNEL = 'portal_sessions';

export interface SessionStoreOptions {
  db: Kysely<Database>;
  notifier?: Notifier | undefined;
  idleMs: number;
  lifetimeMs: number;
  memoMs?: number;
  now?: () => number;
}

interface Remembered {
  userId: string;
  expiresAt: number;
  lastSeenAt: number;
  checkedAt: number;
}

export function createSessionStore(opts: SessionStoreOptions): SessionStore {
  const repo = sessionsRepo(opts.db);
  const now = opts.now ?? Date.now;
  const memoMs = opts.memoMs ?? 1000;
  // Often enough that the idle timeout holds to within a quarter of itself.
  const touchEveryMs = Math.min(60_000, opts.idleMs / 4);
  const instanceId = randomUUID().slice(0, 8);
  const remembered = new LRUCache<string, Remembered>({ max: 50_000 });
  const listeners = new Set<(ended: Ended) => void>();
  // A read that started before a revocation must not store what it read: revoking bumps the epoch.
  let epoch = 0;
  let stopListening: (() => Promise<void>) | null = null;
  let sweeper: NodeJS.Timeout | null = null;

  function forget(ended: Ended) {
    epoch++;
    if (ended.sessionId) remembered.delete(ended.sessionId);
    else
      for (const [id] of [...remembered.entries()].filter(([, entry]) => entry.userId === ended.userId))
        remembered.delete(id);
    for (const listener of listeners) listener(ended);
  }

  async function broadcast(ended: Ended) {
    forget(ended);
    await opts.notifier?.notify(
      SESSIONS_CHANNEL,
      `${instanceId} ${ended.sessionId ? `s ${ended.sessionId}` : `u ${ended.userId}`}`,
    );
  }

  const live = (entry: Remembered, at: number) => at < entry.expiresAt && at - entry.lastSeenAt < opts.idleMs;

  async function touchIfDue(sessionId: string, entry: Remembered, at: number) {
    if (at - entry.lastSeenAt < touchEveryMs) return;
    entry.lastSeenAt = at;
    await repo.touch(sessionId, new Date(at));
  }

  return {
    async create(userId) {
      // 256 random bits: the id is also what a stolen database row would reveal, so it is never reused.
      const id = randomBytes(32).toString('base64url');
      await repo.create({ id, userId, now: new Date(now()), lifetimeMs: opts.lifetimeMs });
      return { id, maxAgeSeconds: Math.floor(opts.lifetimeMs / 1000) };
    },
    async isLive(sessionId, userId, { touch = true } = {}) {
      const at = now();
      const hit = remembered.get(sessionId);
      if (hit && at - hit.checkedAt < memoMs) {
        if (hit.userId !== userId || !live(hit, at)) return false;
        if (touch) await touchIfDue(sessionId, hit, at);
        return true;
      }
      const startedAt = epoch;
      const row = await repo.live(sessionId, new Date(at), opts.idleMs);
      if (!row || row.user_id !== userId) {
        remembered.delete(sessionId);
        return false;
      }
      const entry: Remembered = {
        userId: row.user_id,
        expiresAt: row.expires_at.getTime(),
        lastSeenAt: row.last_seen_at.getTime(),
        checkedAt: at,
      };
      if (epoch === startedAt) remembered.set(sessionId, entry);
      if (touch) await touchIfDue(sessionId, entry, at);
      return true;
    },
    async revoke(sessionId) {
      await repo.revoke(sessionId, new Date(now()));
      await broadcast({ sessionId });
    },
    async revokeAllFor(userId) {
      const ended = await repo.revokeAllFor(userId, new Date(now()));
      await broadcast({ userId });
      return ended;
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    watch(sessionId, userId) {
      const controller = new AbortController();
      const release = this.onRevoked((ended) => {
        if (ended.sessionId === sessionId || ended.userId === userId) controller.abort();
      });
      return { signal: controller.signal, release };
    },
    async start() {
      if (opts.notifier && !stopListening) {
        stopListening = await opts.notifier.listen(SESSIONS_CHANNEL, (payload) => {
          const [from, kind, id] = payload.split(' ');
          if (!id || from === instanceId) return;
          forget(kind === 's' ? { sessionId: id } : { userId: id });
        });
        // Notifications sent while the connection was down are lost: check everything afresh.
        opts.notifier.onReconnect(() => {
          remembered.clear();
          epoch++;
        });
      }
      // Housekeeping: rows a day past their absolute end are refused anyway; drop them.
      const sweep = () => void repo.deleteEndedBefore(new Date(now() - 86_400_000)).catch(() => {});
      sweeper = setInterval(sweep, 3_600_000).unref();
      sweep();
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      const stop = stopListening;
      stopListening = null;
      remembered.clear();
      await stop?.();
    },
  };
}
