// Pledge as deployed, for webhook intake: the full pipeline on the chosen store (see boot.ts) with
// one shop and its Messenger page. Runs no job, so the figure is intake alone: verify, seal, store,
// enqueue, commit, 200. Prints {port, accountId, pageId, appSecret} once listening.
import { randomBytes } from 'node:crypto';
import { bootBenchContext, createBenchMerchant } from './boot.ts';
import { insertAccount } from '../../src/channels/accounts.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { inTenant } from '../../src/db/scope.ts';
import { buildApp } from '../../src/http/app.ts';

const ctx = await bootBenchContext();
const { tenantId } = await createBenchMerchant(ctx, 0);
const appSecret = randomBytes(16).toString('hex');
const pageId = '1029384756';
const account = await inTenant(ctx.db, tenantId, (tx) => insertAccount(tx, keyringFor(ctx.config), tenantId, {
  platform: 'messenger', platformAccount: pageId, secrets: { appSecret, accessToken: 'bench-page-token', verifyToken: 'bench-verify' },
}));
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, accountId: account.id, pageId, appSecret, tenantId }));
// The bench asks how many events were stored (the embedded store cannot be opened from another process).
process.on('SIGUSR2', () => void ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM channel_events').then(([r]) => console.log(JSON.stringify({ stored: r?.n ?? 0 }))));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
