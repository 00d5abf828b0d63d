import type { Emulator } from '@portal/stripe-emulator';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded emulator's state beside the PGlite database in DATA_DIR. Both must live and die
 * together: PGlite keeps the customer links and the audit trail, the emulator the subscriptions,
 * cards and invoices they refer to. Re-seeding the emulator alone on a restart made them disagree.
 */
export const emulatorStateFile = (dataDir: string) => path.resolve(dataDir, 'stripe-emulator.json');

/** Loads a saved state into a freshly seeded emulator; false when there is none yet. */
export function restoreEmulatorState(emulator: Emulator, file: string): boolean {
  if (!existsSync(file)) return false;
  emulator.core.importState(JSON.parse(readFileSync(file, 'utf8')));
  return true;
}

const SAVE_EVERY_MS = 2_000;

/** Saves the state every two seconds when it changed, and on `flush` (the server's close). */
export function keepEmulatorState(emulator: Emulator, file: string): { flush(): void } {
  mkdirSync(path.dirname(file), { recursive: true });
  let saved = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const save = () => {
    const json = JSON.stringify(emulator.core.exportState());
    if (json === saved) return;
    // Write then rename: a crash mid-write never leaves half a file to load next time.
    writeFileSync(`${file}.tmp`, json);
    renameSync(`${file}.tmp`, file);
    saved = json;
  };
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    flush() {
      clearInterval(timer);
      save();
    },
  };
}

/** `npm start -- --reset`: forget the demo's changes; the next start seeds afresh. */
export function resetEmbeddedData(dataDir: string, { pglite }: { pglite: boolean }): void {
  rmSync(emulatorStateFile(dataDir), { force: true });
  if (pglite) rmSync(path.resolve(dataDir, 'pglite'), { recursive: true, force: true });
}
