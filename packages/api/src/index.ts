export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export type { Context, Deps, Identity, Logger, Viewer } from './context';
export { resolveViewer } from './viewer/viewer';
export { createCatalogCache, type CatalogCache } from './stripe/catalog-cache';
export { toTRPCError } from './errors';
export { selectConfiguration, SEGMENT_METADATA_KEY } from './config';
export { createChangeHub, type ChangeHub } from './features/live-updates/change-hub';
export { checkEventShape, type EventShape } from './webhooks/event-shape';
export {
  createEventProcessor,
  processStripeEvent,
  type EventOutcome,
  type EventProcessor,
} from './webhooks/process-event';
export { createReadCache, READ_CACHE_CHANNEL, type ReadCache, type ReadCacheOptions } from './read-cache/read-cache';
export { cachedRead, invalidateCustomer, invalidatingCatalog } from './read-cache/cached-read';
export { createCustomerLinks, CUSTOMER_LINKS_CHANNEL, type CustomerLinks } from './features/customer/customer-links';
