// A Pledge server as its own process, for the kill -9 test: the store, secret and data directory
// come from the environment, so a restart opens the same data. With SEED=1 it first creates a
// merchant with an API key, a notice and Subscribers. Prints one JSON line once listening.
import { createContext } from '../../src/app/boot.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { publishInitialPolicies } from '../../src/policies/initial.ts';
import { createConsentMerchant } from '../../bench/servers/boot.ts';

const ctx = await createContext(loadConfig(process.env));
let seed: { apiKey: string; noticeId: string; subscriberIds: string[] } | null = null;
if (process.env.SEED === '1') {
  await publishInitialPolicies(ctx);
  seed = await createConsentMerchant(ctx, 0, 20);
}
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, seed }));
const stop = () => void app.close().then(() => ctx.db.close()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
