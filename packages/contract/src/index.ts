export * from './money';
export * from './views';
export * from './session';
export * from './errors';
export * from './portal-config';
export * from './idempotency';
