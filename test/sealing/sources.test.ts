import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';
import { publishNotice } from '../consents/support.ts';
import { loadSnapshot } from '../../src/consents/index.ts';
import { inTenant } from '../../src/db/scope.ts';
import { SOURCES, SUBJECT_SOURCES, sourceBase, sourceTags } from '../../src/domain/taxonomy/index.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';

describe('subject sources as taxonomy keys (C01, C20)', () => {
  it('[C01] every subject source key names a general source of the taxonomy, and the database accepts exactly these keys', () => {
    for (const k of SUBJECT_SOURCES) expect(SOURCES, k).toContain(sourceBase(k));
    expect(sourceBase('channel:zalo')).toBe('channel');
    expect(sourceBase('google_api.contacts')).toBe('google_api');
    expect(sourceBase('from Google APIs')).toBeUndefined();
    // Migration 006's CHECK lists the same keys for both tables.
    const sql = readFileSync(new URL('../../migrations/006_sealed_columns.sql', import.meta.url), 'utf8');
    for (const table of ['subscribers', 'buyers']) {
      const list = new RegExp(`${table}_source_key CHECK \\(source IN \\(([^)]*)\\)\\)`).exec(sql)![1]!;
      expect([...list.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort(), table).toEqual([...SUBJECT_SOURCES].sort());
    }
  });

  it('[C20] only a google_api key tags data as Google-sourced: free text that mentions Google does not, and cannot be stored', () => {
    expect(sourceTags('google_api.contacts')).toEqual(['google_api']);
    expect(sourceTags('channel:zalo')).toEqual(['channel']);
    expect(sourceTags('from Google APIs')).toEqual([]);
  });
});

describeEachStore('subject sources at the API and in the gate', (h) => {
  const create = (headers: Record<string, string>, source: string) =>
    h().app.inject({ method: 'POST', url: '/api/subscribers', headers, payload: { channel: 'api', displayName: 'Lê Thị Hoa', source, legalBasis: 'consent' } });

  it('[C01] a Subscriber\'s source must be a taxonomy key: free text is refused before anything is stored', async () => {
    const m = await createMerchant(h());
    const bad = await create(m.headers, 'from Google APIs');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const ok = await create(m.headers, 'google_api.contacts');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().source).toBe('google_api.contacts');
    // And the database refuses a free-text source whoever writes it.
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) =>
      tx.query(`INSERT INTO buyers (tenant_id, name, source) VALUES ($1, 'x', 'Google import')`, [m.tenantId]))).rejects.toMatchObject({ code: '23514' });
  });

  it('[C20] a Buyer and a Subscriber from Google APIs are under Limited Use: no marketing, even with consent', async () => {
    const m = await createMerchant(h());
    const sub = (await create(m.headers, 'google_api.contacts')).json().id as string;
    const plain = (await create(m.headers, 'channel:web')).json().id as string;
    const buyer = await inTenant(h().ctx.db, m.tenantId, (tx) => insertBuyer(tx, h().ctx.keys, m.tenantId, { name: 'Võ Thị Hạnh', source: 'google_api.sheets' }));
    const snap = (type: 'subscriber' | 'buyer', id: string) => inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, { tenantId: m.tenantId, type, id }));
    expect((await snap('subscriber', sub)).googleSourced).toBe(true);
    expect((await snap('buyer', buyer)).googleSourced).toBe(true);
    expect((await snap('subscriber', plain)).googleSourced).toBe(false);
    // Through the real gate, with a marketing consent on file: a Google-sourced Buyer still may not go on a list.
    const promo = await publishNotice(h(), m, { purposes: ['contact'], marketing: true });
    for (const [type, id] of [['buyer', buyer], ['subscriber', plain]] as const) {
      const c = await h().app.inject({
        method: 'POST', url: `/api/subjects/${type}/${id}/consents`, headers: m.headers,
        payload: { purpose: 'contact', given: true, noticeId: promo.id, method: 'checkbox', marketing: true },
      });
      expect(c.statusCode, c.body).toBe(201);
    }
    const ask = (type: string, id: string) => h().app.inject({
      method: 'POST', url: '/api/gate/decide', headers: m.headers,
      payload: { subject: { type, id }, purpose: 'contact', categories: ['user.contact.email'], use: 'marketing_list', feature: 'buyers.marketing_list' },
    });
    const denied = await ask('buyer', buyer);
    expect([denied.statusCode, denied.json()]).toMatchObject([403, { code: 'google_data_limited_use', clause: 'C20' }]);
    // Before source keys, a Buyer was never tagged; a Subscriber from a channel is not tagged now either.
    expect((await ask('subscriber', plain)).json()).toMatchObject({ allow: true });
  });
});
