// Prints the suite's totals as one plain line ("tests: N passed, N failed, N skipped") from the
// vitest JSON report, so any CI reader can count the tests without knowing vitest's format.
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(new URL('../reports/test-results.json', import.meta.url), 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
