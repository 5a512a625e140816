import { expect, it } from 'vitest';
import { inTenant } from '../../src/db/scope.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';

describeEachStore('importing Subscribers from a CSV file', (h) => {
  const upload = (headers: Record<string, string>, body: Buffer | string, legalBasis = 'contract') =>
    h().app.inject({ method: 'POST', url: `/api/subscribers/import?legalBasis=${legalBasis}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });
  const count = async (tenantId: string) => (await inTenant(h().ctx.db, tenantId, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM subscribers')))[0]!.n;

  it('[C10] a file is imported whole on its recorded legal basis; one bad row fails it with per-row codes and nothing is stored', async () => {
    const m = await createMerchant(h());
    const good = 'display_name,phone,email\r\nNguyễn Thị Lan,0901 234 567,lan@example.vn\r\n"Trần, Văn Bình",,binh@example.vn\r\n"Lê ""Bé"" Na",+84 912 345 678,\r\n';
    const ok = await upload(m.headers, Buffer.from(good, 'utf8'));
    expect([ok.statusCode, ok.json()]).toEqual([201, { imported: 3 }]);
    expect(await count(m.tenantId)).toBe(3);
    const list = await h().app.inject({ method: 'GET', url: '/api/subscribers', headers: m.headers });
    expect(list.json().items.map((s: { displayName: string; legalBasis: string }) => `${s.displayName}/${s.legalBasis}`).sort())
      .toEqual(['Lê "Bé" Na/contract', 'Nguyễn Thị Lan/contract', 'Trần, Văn Bình/contract']);

    const bad = 'display_name,email\nMai,mai@example.vn\n,no-name@example.vn\nHà,not-an-email\nTú,tu@example.vn,extra\n';
    const r = await upload(m.headers, bad);
    expect([r.statusCode, r.json().code]).toEqual([422, 'import_rows_invalid']);
    expect(r.json().problems).toEqual([{ row: 3, field: 'displayName', code: 'invalid_type' }, { row: 4, field: 'email', code: 'invalid_format' }, { row: 5, field: '*', code: 'column_count' }]);
    expect(r.body).not.toContain('not-an-email');
    expect(await count(m.tenantId)).toBe(3);
  });

  it('[C10] a file in another encoding, a UTF-16 file, an unknown column or an unknown legal basis is refused with a clear code', async () => {
    const m = await createMerchant(h());
    // "Nguyễn" in Windows-1258 is not valid UTF-8.
    const cp1258 = Buffer.concat([Buffer.from('display_name\nNguy'), Buffer.from([0xea, 0xde, 0x6e]), Buffer.from('\n')]);
    const enc = await upload(m.headers, cp1258);
    expect([enc.statusCode, enc.json().code]).toEqual([400, 'encoding_invalid']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('display_name\nAn\n', 'utf16le')]);
    expect((await upload(m.headers, utf16)).json().code).toBe('encoding_invalid');
    expect((await upload(m.headers, 'name,birthday\nAn,1990-01-01\n')).json().code).toBe('csv_malformed');
    expect((await upload(m.headers, 'display_name\nAn\n', 'because')).statusCode).toBe(400);
    expect(await count(m.tenantId)).toBe(0);
  });
});
