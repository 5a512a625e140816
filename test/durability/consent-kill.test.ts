import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../bench/load.ts';
import { createContext } from '../../src/app/boot.ts';
import { verifyAuditLog } from '../../src/audit/log.ts';
import { loadConfig } from '../../src/config.ts';
import { testStores } from '../support/harness.ts';

type Info = { port: number; seed: { apiKey: string; noticeId: string; subscriberIds: string[] } | null };

/** A new database on the test cluster, by URL: the server processes open it themselves. */
async function freshDatabaseUrl(): Promise<string> {
  const name = `pledge_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: process.env.PLEDGE_TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.PLEDGE_TEST_PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

const CLIENTS = 32;

describe.each(testStores())('consent durability (%s)', (kind) => {
  it('[C22] kill -9 under consent load: after a restart every acknowledged consent is there exactly once, and the audit chain verifies', async () => {
    const env: Record<string, string> = {
      PLEDGE_SECRET: randomBytes(32).toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-kill-')), LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '100000000',
      ...(kind === 'postgres' ? { DATABASE_URL: await freshDatabaseUrl() } : {}),
    };
    const first = await startServer<Info>('test/durability/server.ts', { ...env, SEED: '1' });
    const seed = first.info.seed!;
    const request = (port: number, key: string, n: number) => fetch(`http://127.0.0.1:${port}/api/subjects/subscriber/${seed.subscriberIds[n % seed.subscriberIds.length]}/consents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seed.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ purpose: 'contact', given: true, noticeId: seed.noticeId, method: 'api', marketing: true, evidence: `kill test ${n}` }),
    });
    // Acknowledged = a 201 whose body arrived; a request cut off by the kill is not.
    const acked = new Map<string, { id: string; n: number }>();
    let killed = false;
    let other = 0;
    const client = async (c: number) => {
      for (let i = 0; !killed; i++) {
        const n = c * 100_000 + i;
        const key = `kill-${n}`;
        try {
          const res = await request(first.info.port, key, n);
          const body = (await res.json()) as { id: string };
          if (res.status === 201) acked.set(key, { id: body.id, n });
          else other++;
        } catch {
          // The server is gone mid-request.
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    const t0 = Date.now();
    while (acked.size < 200 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
    first.proc.kill('SIGKILL');
    killed = true;
    await Promise.all(clients);
    expect(other).toBe(0);
    expect(acked.size).toBeGreaterThan(0);

    // Restarted on the same data: each acknowledged key replays its first answer, nothing is recorded again.
    const second = await startServer<Info>('test/durability/server.ts', env);
    try {
      for (const [key, a] of acked) {
        const res = await request(second.info.port, key, a.n);
        expect([res.status, res.headers.get('idempotent-replayed'), ((await res.json()) as { id: string }).id]).toEqual([201, 'true', a.id]);
      }
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((r) => second.proc.once('exit', r));
    }

    const ctx = await createContext(loadConfig(env));
    try {
      const rows = await ctx.db.query<{ key: string; id: string; n: number }>(
        `SELECT idempotency_key AS key, min(id::text) AS id, count(*)::int AS n FROM consent_records WHERE idempotency_key LIKE 'kill-%' GROUP BY idempotency_key`,
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      const missing = [...acked].filter(([key, a]) => byKey.get(key)?.id !== a.id);
      expect(missing).toEqual([]);
      expect((await verifyAuditLog(ctx.db, ctx.keys.audit)).problems).toEqual([]);
    } finally {
      await ctx.db.close();
    }
  }, 180_000);
});
