// Pledge as deployed: full pipeline on the chosen store, with one tenant, an API key and
// 1,000 Subscribers. Prints {port, apiKey, subscriberIds} once listening.
import { bootBenchContext, createBenchMerchant } from './boot.ts';
import { buildApp } from '../../src/http/app.ts';
import { inTenant } from '../../src/db/scope.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';

const ctx = await bootBenchContext();
const { tenantId, key } = await createBenchMerchant(ctx, 0);
// Stored as the app stores them: sealed under each Subscriber's key, so the read opens them (C07).
const subscriberIds = await inTenant(ctx.db, tenantId, async (tx) => {
  const ids: string[] = [];
  for (let g = 1; g <= 1000; g++) {
    const r = await insertSubscriber(tx, ctx.keys, tenantId, {
      channel: 'zalo', displayName: `Khách ${g}`, phone: `09${String(g).padStart(8, '0')}`, source: 'channel:zalo', legalBasis: 'consent',
    });
    ids.push(r.id);
  }
  return ids;
});
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, apiKey: key, subscriberIds: subscriberIds.slice(0, 100) }));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
