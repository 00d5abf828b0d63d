export { buildApp, type BuildOptions } from './app';
export { parseEnv, ConfigError, type Env } from './env';
