import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';

// Tables a tenant's rows live in: every one with a tenant_id column.
const TENANT_TABLES = `
  SELECT c.relname AS table, c.relrowsecurity AS rls,
         EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                  AND coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') LIKE '%current_tenant()%') AS policy
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind = 'r'
     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
   ORDER BY 1`;

describeEachStore('every table holding a tenant\'s rows is behind row-level security', (h) => {
  it('each table with a tenant_id column has row-level security on and a policy on the current tenant — a new one without fails here', async () => {
    const tables = await h().ctx.db.query<{ table: string; rls: boolean; policy: boolean }>(TENANT_TABLES);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['api_keys', 'memberships', 'subject_link_tokens', 'subject_sessions', 'subscribers']));
    expect(tables.filter((t) => !t.rls || !t.policy).map((t) => t.table)).toEqual([]);
  });

  it('a shop lists and revokes only its own API keys; another shop\'s keys, sessions and links are invisible in its scope', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const issue = async (m: typeof a) => {
      const r = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: m.headers, payload: { name: 'shop bot', role: 'agent' } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const aKey = await issue(a);
    const bKey = await issue(b);
    const listed = await h().app.inject({ method: 'GET', url: '/api/api-keys', headers: a.headers });
    expect(listed.json().items.map((k: { id: string }) => k.id)).toEqual([aKey]);
    expect((await h().app.inject({ method: 'DELETE', url: `/api/api-keys/${bKey}`, headers: a.headers })).statusCode).toBe(404);

    // B's privacy-center rows, written as sign-in writes them; A's scope sees none of them, even by id.
    const subscriber = await createSubscriber(h(), b.tenantId);
    await inPlatform(h().ctx.db, async (tx) => {
      for (const table of ['subject_link_tokens', 'subject_sessions']) {
        await tx.query(`INSERT INTO ${table} (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'subscriber', $3, now() + interval '1 hour')`,
          [randomUUID(), b.tenantId, subscriber]);
      }
    });
    const seenByA = await inTenant(h().ctx.db, a.tenantId, (tx) => tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM api_keys WHERE tenant_id = $1) + (SELECT count(*) FROM memberships WHERE tenant_id = $1)
            + (SELECT count(*) FROM subject_link_tokens WHERE tenant_id = $1) + (SELECT count(*) FROM subject_sessions WHERE tenant_id = $1) AS n`,
      [b.tenantId],
    ));
    expect(Number(seenByA[0]!.n)).toBe(0);
    // Nor can A's scope write a row for B.
    await expect(inTenant(h().ctx.db, a.tenantId, (tx) => tx.query(
      `INSERT INTO subject_link_tokens (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'subscriber', $3, now())`, [randomUUID(), b.tenantId, subscriber],
    ))).rejects.toThrow(/row-level security/);
  });
});
