import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    passWithNoTests: false,
    // The JSON report feeds the one-line summary `npm test` prints last (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-report.json' }]],
    testTimeout: 20_000,
  },
});
