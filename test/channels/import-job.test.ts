import { expect, it } from 'vitest';
import { inTenant } from '../../src/db/scope.ts';
import { INLINE_ROWS } from '../../src/imports/subscribers.ts';
import { CHUNK, runImport, storeChunk } from '../../src/imports/import-job.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { runJob } from '../support/jobs.ts';

const ROWS = INLINE_ROWS + 200;
// Hand-made names and numbers, one per row: nothing here comes from the importer's own rules.
const file = (n: number) => `display_name,phone\n${Array.from({ length: n }, (_, i) => `Khách ${i + 1},09${String(10000000 + i)}`).join('\n')}\n`;

describeEachStore('large Subscriber imports run as a job with progress', (h) => {
  const upload = (m: Merchant, body: string) =>
    h().app.inject({ method: 'POST', url: '/api/subscribers/import?legalBasis=contract', headers: { ...m.headers, 'content-type': 'text/csv' }, payload: body });
  const count = async (m: Merchant) => (await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM subscribers')))[0]!.n;
  const progress = (m: Merchant, id: string) => h().app.inject({ method: 'GET', url: `/api/subscriber-imports/${id}`, headers: m.headers });

  it('[C10] a file over the inline size is checked whole, answered 202 with where to follow it, stored by the job with progress; another shop cannot see it', async () => {
    const m = await createMerchant(h());
    const r = await upload(m, file(ROWS));
    expect([r.statusCode, r.json().state, r.json().total, r.json().done]).toEqual([202, 'queued', ROWS, 0]);
    const id = r.json().id as string;
    expect(r.headers.location).toBe(`/api/subscriber-imports/${id}`);
    expect(await count(m)).toBe(0);
    // Staged sealed under the tenant's key: no name or number of the file in clear.
    const [waiting] = await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ rows_sealed: string }>('SELECT rows_sealed FROM subscriber_imports WHERE id = $1', [id]));
    expect(waiting!.rows_sealed).toMatch(/^enc:v1:/);
    expect(waiting!.rows_sealed).not.toMatch(/Khách|0910000000/);
    // One chunk stored: the shop sees how far it got.
    await storeChunk(h().ctx, m.tenantId, id);
    expect((await progress(m, id)).json()).toMatchObject({ state: 'running', done: CHUNK, total: ROWS });
    await runJob(h(), 'import-subscribers', { tenantId: m.tenantId, importId: id });
    expect((await progress(m, id)).json()).toEqual({ id, state: 'done', total: ROWS, done: ROWS, failureCode: null });
    expect(await count(m)).toBe(ROWS);
    // Run again (a redelivered job): nothing is stored twice; the staged rows are gone.
    await runJob(h(), 'import-subscribers', { tenantId: m.tenantId, importId: id });
    expect(await count(m)).toBe(ROWS);
    const [staged] = await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ rows_sealed: string | null }>('SELECT rows_sealed FROM subscriber_imports WHERE id = $1', [id]));
    expect(staged!.rows_sealed).toBeNull();
    const other = await createMerchant(h());
    expect((await progress(other, id)).statusCode).toBe(404);
  });

  it('[C10] a large file with one bad row is refused before anything is staged; an import that fails half-way removes every row it stored', async () => {
    const m = await createMerchant(h());
    const bad = file(ROWS).replace('Khách 1100,', ',');
    const refused = await upload(m, bad);
    expect([refused.statusCode, refused.json().code, refused.json().problems]).toEqual([422, 'import_rows_invalid', [{ row: 1101, field: 'displayName', code: 'invalid_type' }]]);
    const staged = await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query('SELECT 1 FROM subscriber_imports'));
    expect(staged).toHaveLength(0);

    const r = await upload(m, file(ROWS));
    const id = r.json().id as string;
    await storeChunk(h().ctx, m.tenantId, id);
    expect(await count(m)).toBe(CHUNK);
    // The staged rows can no longer be opened (as a storage failure half-way would leave it).
    await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query("UPDATE subscriber_imports SET rows_sealed = 'enc:v1:broken' WHERE id = $1", [id]));
    await runImport(h().ctx, { tenantId: m.tenantId, importId: id });
    expect((await progress(m, id)).json()).toMatchObject({ state: 'failed', failureCode: 'store_failed' });
    expect(await count(m)).toBe(0);
  });
});
