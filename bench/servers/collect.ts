// Pledge's ingest as deployed: full pipeline on the chosen store, one site. Prints {port, site, origin}.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createContext } from '../../src/app/boot.ts';
import { loadConfig } from '../../src/config.ts';
import { publishInitialPolicies } from '../../src/policies/initial.ts';
import { buildApp } from '../../src/http/app.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createSite } from '../../src/analytics/sites.ts';
import { createBenchMerchant, freshDatabase } from './boot.ts';

const url = process.env.BENCH_DATABASE_URL ? await freshDatabase(process.env.BENCH_DATABASE_URL) : undefined;
const config = loadConfig({
  PLEDGE_SECRET: randomBytes(32).toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-bench-')), LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000', ANALYTICS_SITE_EVENTS_PER_SECOND: '1000000', ...(url ? { DATABASE_URL: url } : {}),
});
const ctx = await createContext(config);
await publishInitialPolicies(ctx);
const { tenantId } = await createBenchMerchant(ctx, 0);
const origin = 'https://shop.bench.example';
const site = await inTenant(ctx.db, tenantId, (tx) => createSite(tx, tenantId, { origins: [origin] }));
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, site: site.id, origin }));
// The bench asks how many events were stored (the embedded store cannot be opened from another process).
process.on('SIGUSR2', () => void ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events').then(([r]) => console.log(JSON.stringify({ stored: r?.n ?? 0 }))));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
