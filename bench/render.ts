// Server render of the console's Subscribers page with 50 rows, in process: the page component
// and the layout turned into HTML from presenters' output (no database, no HTTP), p50/p99 over
// many renders; then the JavaScript each page ships (minified, gzip -9) against its 15 kB budget.
// Target (issue 11): p99 ≤ 5 ms. On a shared machine the wall-clock tail is the scheduler's; the
// CPU per render (process.cpuUsage over the loop) is the steadier figure.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pageScripts, PAGE_BUDGET_GZIP } from '../src/web/build.ts';
import type { SubjectsData } from '../src/web/console-data.ts';
import { translator, type Lang } from '../src/web/i18n/index.ts';
import { layout } from '../src/web/layout.tsx';
import { subjectsPage } from '../src/web/pages/console-subjects.tsx';
import { PURPOSE_KEYS } from '../src/domain/taxonomy/index.ts';
import type { View } from '../src/web/view.ts';

const N = Number(process.env.BENCH_RENDERS ?? 3000);

const person = (type: 'subscriber' | 'buyer', i: number) => ({
  type, id: randomUUID(), name: `Nguyễn Thị <Khách> ${i}`, source: 'channel:zalo', legalBasis: 'consent', createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 28), 3, i % 60)),
});
const data: SubjectsData = {
  subscribers: Array.from({ length: 50 }, (_, i) => person('subscriber', i)),
  subscribersNext: 'eyJjIjoiMjAyNi0xMS0wMSJ9',
  buyers: Array.from({ length: 10 }, (_, i) => person('buyer', i)),
  consentsByPurpose: PURPOSE_KEYS.slice(0, 6).map((purpose, i) => ({ purpose, n: 50 - i * 7 })),
};
const view = (lang: Lang): View => ({ lang, t: translator(lang), url: new URL('http://pledge.local/console/subjects'), signedIn: true, devMailbox: false });

function measure(lang: Lang): { p50: number; p99: number; max: number; bytes: number; cpuMs: number } {
  const v = view(lang);
  let bytes = 0;
  for (let i = 0; i < 200; i++) bytes = layout(v, subjectsPage(v, data)).length; // warm-up (JIT, dictionaries, formatters)
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    layout(v, subjectsPage(v, data));
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: times[times.length - 1]!, bytes, cpuMs: (cpu.user + cpu.system) / 1000 / N };
}

for (const lang of ['vi', 'en'] as const) {
  const r = measure(lang);
  console.log(`render /console/subjects (50 Subscribers, 10 Buyers, chart) ${lang}: p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, max ${r.max.toFixed(2)} ms, CPU ${r.cpuMs.toFixed(3)} ms per render over ${N} renders, ${r.bytes} chars of HTML — target p99 ≤ 5 ms: ${r.p99 <= 5 ? 'met' : 'NOT met'}`);
}

console.log(`\nJavaScript per page (minified, gzip -9; budget ${PAGE_BUDGET_GZIP} B):`);
for (const b of [...(await pageScripts()).values()].sort((x, y) => x.name.localeCompare(y.name))) {
  console.log(`  ${b.name.padEnd(26)} ${String(b.body.length).padStart(6)} B  gzip ${String(b.gzipBytes).padStart(5)} B`);
}
