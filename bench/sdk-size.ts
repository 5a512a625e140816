// Issue 14 benchmark: gzip -9 of what a site loads (JS + CSS), beside other consent banners
// measured the same way (figures from the issue, 2026-12). Budgets: banner ≤ 5,000 B, tracker ≤ 1,200 B.
import { buildSdk } from '../sdk/build.ts';

const ANCHORS: [string, number][] = [
  ['osano cookieconsent 3.1.1', 8070], ['orejime 3.2.1', 14501], ['vanilla-cookieconsent 3.1.0', 15474], ['klaro 0.7.22', 68883],
];
const files = await buildSdk();
console.log('SDK size, gzip -9 of the minified file (CSS and both languages inside the banner)');
for (const f of files) console.log(`  Pledge ${f.name.padEnd(8)} ${String(f.gzip).padStart(6)} B   budget ${f.budget} B   ${f.gzip <= f.budget ? 'within' : 'OVER'}`);
for (const [name, size] of ANCHORS) console.log(`  ${name.padEnd(30)} ${String(size).padStart(6)} B`);
