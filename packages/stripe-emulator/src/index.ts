export { createEmulator, type Emulator, type EmulatorOptions, type RunningEmulator } from './emulator.js';
export { DEMO } from './seed/demo.js';
export { API_VERSION } from './core.js';
export { saveDashboardConfiguration } from './resources/billing-portal.js';
