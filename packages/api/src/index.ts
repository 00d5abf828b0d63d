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
export { createEventsSweep, type EventsSweep, type EventsSweepOptions } from './webhooks/events-sweep';
export { backfillMirror, type BackfillProgress, type BackfillOptions } from './mirror/backfill';
export { createMirror, readSnapshot, type Mirror, type MirrorOptions } from './mirror/mirror';
export { liveBillingState, type BillingState } from './mirror/billing-state';
export { sharedCatalog, CATALOG_CHANNEL } from './stripe/shared-catalog';
export { relayedChanges, CHANGES_CHANNEL } from './features/live-updates/relayed-changes';
export { createCustomerLinks, type CustomerLinks } from './features/customer/customer-links';
