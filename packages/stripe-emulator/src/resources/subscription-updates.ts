import type { Core } from '../core.js';

export function registerSubscriptionUpdates(_core: Core): void {}
