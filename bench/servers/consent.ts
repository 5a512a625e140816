// Pledge as deployed, for recording consents: full pipeline on the chosen store (PGlite under a
// fresh DATA_DIR, file-backed; or a fresh database on BENCH_DATABASE_URL), with TENANTS merchants,
// each with an API key, 200 Subscribers and a published notice. Prints {port, tenants} once listening.
import { bootBenchContext, createConsentMerchant } from './boot.ts';
import { buildApp } from '../../src/http/app.ts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 20);

const ctx = await bootBenchContext();

const tenants: Array<{ apiKey: string; noticeId: string; subscriberIds: string[] }> = [];
for (let i = 0; i < TENANTS; i++) tenants.push(await createConsentMerchant(ctx, i, 200));

const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, tenants }));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
