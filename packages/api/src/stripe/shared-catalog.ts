import type { Notifier } from '@portal/db';
import type { Logger } from '../context';
import type { CatalogCache } from './catalog-cache';

export const CATALOG_CHANNEL = 'portal_catalog';

/**
 * A catalog cache that every instance drops together: a product or price webhook reaches one
 * instance, and the others hear of it over LISTEN/NOTIFY. A lost notification costs at most the
 * cache's TTL of old product names.
 */
export async function sharedCatalog(
  catalog: CatalogCache,
  notifier: Notifier,
  log: Logger,
): Promise<CatalogCache & { close(): Promise<void> }> {
  const stop = await notifier.listen(CATALOG_CHANNEL, () => catalog.invalidate());
  notifier.onReconnect(() => catalog.invalidate());
  return {
    ...catalog,
    invalidate() {
      catalog.invalidate();
      notifier
        .notify(CATALOG_CHANNEL, 'changed')
        .catch((error: unknown) => log.warn({ err: error }, 'catalog change could not be broadcast'));
    },
    close: stop,
  };
}
