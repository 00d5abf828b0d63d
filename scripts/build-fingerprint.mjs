// What `npm start`'s build steps share: a hash of everything a build is made from (sources and the
// lockfile, never tests or build output), stored beside the build so an unchanged one is skipped.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const skipped = new Set(['node_modules', 'dist', 'test']);

function files(relative) {
  const full = path.join(root, relative);
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full)
    .filter((name) => !skipped.has(name))
    .flatMap((name) => files(path.join(relative, name)));
}

/** The build's fingerprint from `inputs` (paths relative to the repository), and whether `built` (a file of the build in `dist`) is from exactly these inputs. */
export function buildStamp(dist, inputs, built) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files).sort())
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  const current = hash.digest('hex');
  const stamp = path.join(dist, '.build-hash');
  return {
    upToDate: existsSync(path.join(dist, built)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current,
    save: () => writeFileSync(stamp, current),
  };
}
