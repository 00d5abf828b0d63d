/**
 * Preload for profiling the portal under load (bench/webhooks-only.ts --profile=DIR): the sampling
 * profiler starts on SIGUSR2 (after the warm-up) and the profile is written into CPU_PROFILE_DIR
 * when the process exits. `--cpu-prof` would do it but is refused in NODE_OPTIONS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

// A preload has no arguments of its own: bench/webhooks-only.ts hands the folder over this way.
// eslint-disable-next-line no-restricted-properties
const dir = process.env.CPU_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
let started = false;
process.on('SIGUSR2', () => {
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.start');
  started = true;
});
process.on('exit', () => {
  if (!started) return;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/portal-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
