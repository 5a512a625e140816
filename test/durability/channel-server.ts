// A Pledge server as its own process for the webhook kill -9 test: with SEED=1 it first makes a
// shop with a Telegram bot account; with WORKERS=1 it also runs the jobs. Prints one JSON line once listening.
import { randomBytes } from 'node:crypto';
import { createContext } from '../../src/app/boot.ts';
import { insertAccount } from '../../src/channels/accounts.ts';
import { loadConfig } from '../../src/config.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { inTenant } from '../../src/db/scope.ts';
import { buildApp } from '../../src/http/app.ts';
import { publishInitialPolicies } from '../../src/policies/initial.ts';
import { createBenchMerchant } from '../../bench/servers/boot.ts';

const ctx = await createContext(loadConfig(process.env));
let seed: { tenantId: string; accountId: string; secretToken: string } | null = null;
if (process.env.SEED === '1') {
  await publishInitialPolicies(ctx);
  const { tenantId } = await createBenchMerchant(ctx, 0);
  const secretToken = randomBytes(24).toString('base64url');
  const account = await inTenant(ctx.db, tenantId, (tx) => insertAccount(tx, keyringFor(ctx.config), tenantId, {
    platform: 'telegram', platformAccount: 'kill_test_bot', secrets: { secretToken, accessToken: '1:kill-test-token' },
  }));
  seed = { tenantId, accountId: account.id, secretToken };
}
const app = await buildApp(ctx);
if (process.env.WORKERS === '1') await ctx.jobs.startWorkers(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, seed }));
// Tells the test when every stored event has been processed (the embedded store cannot be opened by a second process to look).
if (process.env.WORKERS === '1') {
  const poll = setInterval(() => void ctx.db.query<{ open: number; all: number }>(
    'SELECT count(*) FILTER (WHERE processed_at IS NULL)::int AS open, count(*)::int AS all FROM channel_events',
  ).then(([r]) => {
    if (r && r.all > 0 && r.open === 0) {
      clearInterval(poll);
      console.log(JSON.stringify({ drained: true }));
    }
  }), 200);
}
const stop = () => void ctx.jobs.stop(1).then(() => app.close()).then(() => ctx.db.close()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
