import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The README promises a Node version; every package the lockfile installs must accept its lowest
// release, or an install on that Node warns (with engine-strict, refuses) and a package may call
// APIs it lacks. cookie@2, through light-my-request (Fastify's inject), wanted Node 22 (#16.19).
const repo = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

/** Each locked package's `engines.node`, as pnpm records it in the lockfile's packages section. */
function lockedEngines(): { id: string; node: string }[] {
  const packages =
    read('pnpm-lock.yaml')
      .split(/^packages:$/m)[1]
      ?.split(/^snapshots:$/m)[0] ?? '';
  return [...packages.matchAll(/^ {2}'?([^\s']+)'?:\n(?: {4}.*\n)*? {4}engines: \{node: '([^']+)'/gm)].map(
    ([, id, node]) => ({ id: id!, node: node! }),
  );
}

describe('the Node version the README names', () => {
  const lowest = semver.minVersion(
    (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node,
  )!.version;

  it('is the one package.json engines names', () => {
    expect(read('README.md')).toContain(`Node.js ${lowest.replace(/\.0$/, '')}+`);
  });

  it('is accepted by every package the lockfile installs', () => {
    const locked = lockedEngines();
    expect(locked.length).toBeGreaterThan(50);
    expect(locked.filter((p) => !semver.satisfies(lowest, p.node)).map((p) => `${p.id} wants node ${p.node}`)).toEqual(
      [],
    );
  });
});
