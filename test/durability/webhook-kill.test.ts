import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../bench/load.ts';
import { openDb } from '../../src/db/index.ts';
import { loadConfig } from '../../src/config.ts';
import { inTenant } from '../../src/db/scope.ts';
import { telegramDelivery, telegramText } from '../support/channel-fixtures.ts';
import { createInterface } from 'node:readline';
import { freshPostgres, testStores } from '../support/harness.ts';

type Info = { port: number; seed: { tenantId: string; accountId: string; secretToken: string } | null };

/** A new database on the test cluster, by URL: the server processes open it themselves. */
async function freshDatabaseUrl(): Promise<string> {
  const { url, db } = await freshPostgres();
  await db.close();
  return url;
}

const EVENTS = 12;

// One store: the server process on the embedded store needs ~30 s more to boot twice on a loaded
// machine; the intake code is the same on both, and test/channels runs it on both.
const KIND = testStores().includes('postgres') ? 'postgres' : 'pglite';

describe.each([KIND])('webhook intake durability (%s)', (kind) => {
  it('[C11] a server killed with kill -9 right after acknowledging webhook events processes each of them after restart, once', async () => {
    const env: Record<string, string> = {
      PLEDGE_SECRET: randomBytes(32).toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-hook-kill-')), LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '100000000',
      PLEDGE_NO_DEMO: '1', JOB_LEASE_SECONDS: '5', ...(kind === 'postgres' ? { DATABASE_URL: await freshDatabaseUrl() } : {}),
    };
    // The first server answers webhooks but runs no job: every acknowledged event is still waiting when it dies.
    const first = await startServer<Info>('test/durability/channel-server.ts', { ...env, SEED: '1' });
    const seed = first.info.seed!;
    const deliveries = Array.from({ length: EVENTS }, (_, i) => telegramDelivery(seed.secretToken, telegramText(5000 + i, 900000 + i, i === 3 ? 'hủy' : `Tin nhắn số ${i}`)));
    const deliver = (port: number, i: number) => fetch(`http://127.0.0.1:${port}/webhooks/telegram/${seed.accountId}`, { method: 'POST', headers: deliveries[i]!.headers, body: new Uint8Array(deliveries[i]!.body) });
    for (let i = 0; i < EVENTS; i++) {
      const r = await deliver(first.info.port, i);
      expect([r.status, await r.json()]).toEqual([200, { received: 1 }]);
    }
    // Right after the last 200.
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await startServer<Info>('test/durability/channel-server.ts', { ...env, WORKERS: '1' });
    const drained = new Promise<void>((resolve) => createInterface({ input: second.proc.stdout! }).on('line', (l) => { if (l.includes('drained')) resolve(); }));
    try {
      // The platform redelivers what it is unsure of: acknowledged again, never stored twice.
      for (const i of [0, 5, EVENTS - 1]) expect(await (await deliver(second.info.port, i)).json()).toEqual({ received: 0 });
      await drained;
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((r) => second.proc.once('exit', r));
    }
    const db = await openDb(loadConfig(env));
    try {
      const [counts] = await inTenant(db, seed.tenantId, (tx) => tx.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM channel_events) AS events, (SELECT count(*)::int FROM channel_events WHERE processed_at IS NOT NULL) AS processed,
                (SELECT count(*)::int FROM subscribers) AS subscribers, (SELECT count(*)::int FROM messages) AS messages`));
      // The stop from someone never subscribed creates no one; every other event made its Subscriber and stored its message, once.
      expect(counts).toEqual({ events: EVENTS, processed: EVENTS, subscribers: EVENTS - 1, messages: EVENTS - 1 });
    } finally {
      await db.close();
    }
  }, 90_000);
});
