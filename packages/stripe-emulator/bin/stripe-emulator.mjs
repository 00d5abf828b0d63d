#!/usr/bin/env node
// The package ships TypeScript source; tsx's loader lets node run it directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
