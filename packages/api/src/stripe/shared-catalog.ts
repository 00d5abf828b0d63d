import type { Notifier } from '@portal/db';
import type { Logger } from '../context';
import type { CatalogCache } from './catalog-cache';

export const CATALOG_CHANNEL = 'portal_catalog';

/**
 * A catalog that every instance drops together: a product or price webhook reaches one instance,
 * which marks the mirrored catalog stale and then tells the others over LISTEN/NOTIFY to forget
 * their copies. A lost notification costs at most the copy's TTL of old product names.
 */
export async function sharedCatalog(
  catalog: CatalogCache,
  notifier: Notifier,
  log: Logger,
): Promise<CatalogCache & { close(): Promise<void> }> {
  const stop = await notifier.listen(CATALOG_CHANNEL, () => catalog.forget());
  notifier.onReconnect(() => catalog.forget());
  return {
    ...catalog,
    async invalidate() {
      // Stale first: an instance that hears the news must not reload the old catalog from the mirror.
      await catalog.invalidate();
      await notifier
        .notify(CATALOG_CHANNEL, 'changed')
        .catch((error: unknown) => log.warn({ err: error }, 'catalog change could not be broadcast'));
    },
    close: stop,
  };
}
