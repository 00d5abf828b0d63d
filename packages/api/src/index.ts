export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export type { Context, Deps, Identity, Logger, Viewer } from './context';
export { resolveViewer } from './viewer';
export { createCatalogCache, type CatalogCache } from './services/catalog-cache';
export { toTRPCError } from './errors';
export { selectConfiguration, SEGMENT_METADATA_KEY } from './config';
export { createChangeHub, type ChangeHub } from './services/changes';
export { processStripeEvent, type EventOutcome } from './webhooks/process-event';
