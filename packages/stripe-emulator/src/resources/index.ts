import type { Core } from '../core.js';
import { registerCustomers } from './customers.js';
import { registerPaymentMethods } from './payment-methods.js';
import { registerPrices } from './prices.js';
import { registerProducts } from './products.js';
import { registerSubscriptions } from './subscriptions.js';

export interface ControlHooks {
  reset(): void;
  seed(kind: 'demo' | 'none'): void;
}

/** Registers every emulated resource's routes on the core. */
export function registerAll(core: Core, _hooks: ControlHooks): void {
  registerCustomers(core);
  registerProducts(core);
  registerPrices(core);
  registerPaymentMethods(core);
  registerSubscriptions(core);
}
