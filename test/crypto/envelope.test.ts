import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { keyringFor, openColumn, rotateKeys, sealColumn, sealedKeyId } from '../../src/crypto/envelope.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { PERSONAL_COLUMNS } from '../../src/domain/registry.ts';
import { loadConfig } from '../../src/config.ts';

describeEachStore('encryption at rest (C07)', (h) => {
  it('[C07] raw database rows hold ciphertext, not plaintext, for fields marked sensitive', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    const secret = 'Tôi theo đạo Công giáo, em bị tiểu đường';
    const r = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: secret } });
    expect(r.statusCode).toBe(201);
    // The columns the input guard and payments seal under the tenant's data key, read raw with SQL
    // (as the database owner, RLS bypassed). test/sealing covers every category C07 names.
    const GUARDED = new Set(['held_sensitive_data', 'payment_methods', 'subscriber_notes', 'messages']);
    const sealedCols = PERSONAL_COLUMNS.filter((c) => c.atRest.kind === 'tenant_key' && GUARDED.has(c.table));
    expect(sealedCols.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(['held_sensitive_data.sealed_value', 'payment_methods.processor_token', 'subscriber_notes.body_sealed', 'messages.body_sealed']));
    let seen = 0;
    for (const c of sealedCols) {
      const rows = await inPlatform(h().ctx.db, (tx) => tx.query<{ v: string }>(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`));
      for (const row of rows) {
        expect(row.v).toMatch(/^enc:v1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/);
        expect(row.v).not.toMatch(/tiểu|Công giáo|tok_/);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
    // A sealed value is bound to its tenant and column: moved elsewhere it does not open.
    const [held] = await inPlatform(h().ctx.db, (tx) => tx.query<{ v: string }>('SELECT sealed_value AS v FROM held_sensitive_data WHERE tenant_id = $1', [m.tenantId]));
    const ring = keyringFor(h().ctx.config);
    await inTenant(h().ctx.db, m.tenantId, async (tx) => {
      expect(await openColumn(tx, ring, m.tenantId, 'held_sensitive_data.sealed_value', held!.v)).toBe(secret);
      await expect(openColumn(tx, ring, m.tenantId, 'messages.body_sealed', held!.v)).rejects.toThrow();
    });
  });

  it('[C07] key rotation: old values still open, new values use the new key id, new KEK rewraps every data key', async () => {
    const m = await createMerchant(h());
    const ring = keyringFor(h().ctx.config);
    const col = 'messages.body_sealed';
    const old = await inTenant(h().ctx.db, m.tenantId, (tx) => sealColumn(tx, ring, m.tenantId, col, 'trước khi xoay khóa'));
    const r1 = await rotateKeys(h().ctx.db, ring);
    expect(r1.issued).toBeGreaterThan(0);
    const fresh = await inTenant(h().ctx.db, m.tenantId, (tx) => sealColumn(tx, ring, m.tenantId, col, 'sau khi xoay khóa'));
    expect(sealedKeyId(fresh)).not.toBe(sealedKeyId(old));
    // A new KEK (PLEDGE_KEK_K2) beside the same secret: a new process rewraps, and both old and new values open.
    const config2 = loadConfig({ PLEDGE_SECRET: h().ctx.config.secret.toString(), DATA_DIR: '/nonexistent', PLEDGE_KEK_K2: randomBytes(32).toString('hex') });
    const ring2 = keyringFor(config2);
    expect(ring2.activeKek).toBe('k2');
    const r2 = await rotateKeys(h().ctx.db, ring2, { rewrapOnly: true });
    expect(r2.rewrapped).toBeGreaterThan(0);
    const keks = await inPlatform(h().ctx.db, (tx) => tx.query<{ kek_id: string }>('SELECT DISTINCT kek_id FROM data_keys WHERE tenant_id = $1', [m.tenantId]));
    expect(keks).toEqual([{ kek_id: 'k2' }]);
    await inTenant(h().ctx.db, m.tenantId, async (tx) => {
      expect(await openColumn(tx, ring2, m.tenantId, col, old)).toBe('trước khi xoay khóa');
      expect(await openColumn(tx, ring2, m.tenantId, col, fresh)).toBe('sau khi xoay khóa');
    });
  });
});
