import type { BillingChange } from '@portal/contract';
import type { Notifier } from '@portal/db';
import type { Logger } from '../../context';
import type { ChangeHub } from './change-hub';

export const CHANGES_CHANNEL = 'portal_changes';

/**
 * The change hub of several instances: a change published on one (a webhook it processed) goes out
 * over LISTEN/NOTIFY and every instance, this one included, hands it to its own open streams. The
 * browser then refetches from the mirror, which the webhook already marked stale on every instance.
 */
export async function relayedChanges(
  hub: ChangeHub,
  notifier: Notifier,
  log: Logger,
): Promise<ChangeHub & { close(): Promise<void> }> {
  const stop = await notifier.listen(CHANGES_CHANNEL, (payload) => {
    try {
      const { customerId, change } = JSON.parse(payload) as { customerId: string; change: BillingChange };
      hub.publish(customerId, change);
    } catch (error) {
      log.warn({ err: error }, 'an unreadable change notification was dropped');
    }
  });
  return {
    ...hub,
    publish(customerId, change) {
      notifier.notify(CHANGES_CHANNEL, JSON.stringify({ customerId, change })).catch((error: unknown) => {
        // Not relayed: at least this instance's screens hear of it.
        log.warn({ err: error, customerId }, 'a change could not be relayed to the other instances');
        hub.publish(customerId, change);
      });
    },
    close: stop,
  };
}
