// Prints the closing line CI reads: "N passed, N failed" (and skipped), from Vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'artifacts/vitest-report.json';
if (!existsSync(file)) {
  console.log('tests: 0 passed, 1 failed (no test report: lint or typecheck failed before the tests ran)');
  process.exit(0);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
