import { openDb } from '../src/db/index.ts';
import { siteFigures } from '../src/analytics/overview.ts';
import { inPlatform } from '../src/db/scope.ts';
import { addDays, dayOf } from '../src/analytics/ranges.ts';
const db = await openDb({ databaseUrl: process.argv[2], dataDir: '/tmp', databasePoolSize: 2 });
const site = process.argv[3]!;
const today = dayOf(new Date());
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await inPlatform(db, (tx) => siteFigures(tx, site, { from: addDays(today, -29), to: today }));
  const t1 = performance.now();
  await inPlatform(db, (tx) => siteFigures(tx, site, { from: addDays(today, -59), to: addDays(today, -30) }));
  const t2 = performance.now();
  console.log(`now ${(t1 - t0).toFixed(0)} ms, before ${(t2 - t1).toFixed(0)} ms`);
}
await db.close();
