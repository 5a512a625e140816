import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { adoptUnsignedHeads, recordAudit, verifyAuditLog } from '../../src/audit/log.ts';
import type { Sql } from '../../src/db/index.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';

/** A tenant whose chain holds `n` real entries: its policy acceptance, then `n - 1` recorded events. */
async function tenantWithChain(h: Harness, n: number): Promise<string> {
  const m = await createMerchant(h, { accept: false });
  const current = (await h.app.inject({ method: 'GET', url: '/api/policies' })).json();
  const res = await h.app.inject({
    method: 'POST', url: '/api/policies/accept', headers: m.headers,
    payload: { privacyVersion: current.privacy.current.version, termsVersion: current.terms.current.version },
  });
  expect(res.statusCode).toBe(201);
  for (let i = 1; i < n; i++) {
    await inTenant(h.ctx.db, m.tenantId, (tx) =>
      recordAudit(tx, h.ctx.keys.audit, {
        tenantId: m.tenantId, actor: { type: 'user', id: m.userId }, action: 'subscriber.viewed', target: { type: 'subscriber', id: `s${i}` }, details: { n: i },
      }),
    );
  }
  return m.tenantId;
}

/** Tampering as someone with direct database access would: the append-only trigger switched off first. */
const tamper = (h: Harness, fn: (tx: Sql) => Promise<unknown>) =>
  inPlatform(h.ctx.db, async (tx) => {
    await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await fn(tx);
    await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });

const problemsOf = async (h: Harness, chain: string) =>
  (await verifyAuditLog(h.ctx.db, h.ctx.keys.audit)).problems.filter((p) => p.chain === chain).map((p) => `${p.seq}:${p.problem}`);

describeEachStore('audit log verification', (h) => {
  it('a fresh store with audited actions (publishing, acceptance, events) verifies intact', async () => {
    const officer = await createStaff(h(), 'privacy_officer');
    const pub = await h().app.inject({
      method: 'POST', url: '/api/staff/policies', headers: officer.headers,
      payload: { kind: 'terms', bodyVi: 'Điều khoản v2', bodyEn: 'Terms v2', summaryVi: 'Sửa chữ.', summaryEn: 'Wording.', significant: false },
    });
    expect(pub.statusCode).toBe(201);
    await tenantWithChain(h(), 3);
    await tenantWithChain(h(), 2);
    const r = await verifyAuditLog(h().ctx.db, h().ctx.keys.audit);
    expect(r.problems).toEqual([]);
    expect(r.chains).toBe(3); // platform + two tenants
    expect(r.entries).toBeGreaterThanOrEqual(2 + 1 + 3 + 2);
  });

  it('an edited entry (details or action) is reported as a hash mismatch at its position', async () => {
    const chain = await tenantWithChain(h(), 4);
    await tamper(h(), (tx) => tx.query(`UPDATE audit_log SET details = '{"n": 99}' WHERE chain = $1 AND seq = 2`, [chain]));
    expect(await problemsOf(h(), chain)).toEqual(['2:hash_mismatch']);
    const other = await tenantWithChain(h(), 3);
    await tamper(h(), (tx) => tx.query(`UPDATE audit_log SET action = 'subscriber.created' WHERE chain = $1 AND seq = 3`, [other]));
    expect(await problemsOf(h(), other)).toEqual(['3:hash_mismatch']);
  });

  it('an inserted entry is detected, even when the head is moved to it', async () => {
    const chain = await tenantWithChain(h(), 3);
    await tamper(h(), async (tx) => {
      await tx.query(
        `INSERT INTO audit_log (chain, seq, tenant_id, at, actor_type, actor_id, action, details, prev_hash, hash)
         SELECT chain, seq + 1, tenant_id, now(), 'system', NULL, 'subscriber.deleted', '{}', hash, repeat('0', 64)
           FROM audit_log WHERE chain = $1 AND seq = 3`,
        [chain],
      );
    });
    expect(await problemsOf(h(), chain)).toEqual(['4:hash_mismatch', '4:head_mismatch']);
    await tamper(h(), (tx) => tx.query(`UPDATE audit_heads SET seq = 4, hash = repeat('0', 64) WHERE chain = $1`, [chain]));
    expect(await problemsOf(h(), chain)).toEqual(['4:hash_mismatch', '4:head_signature_invalid']);
  });

  it('a deleted middle entry breaks the sequence and the link', async () => {
    const chain = await tenantWithChain(h(), 4);
    await tamper(h(), (tx) => tx.query('DELETE FROM audit_log WHERE chain = $1 AND seq = 2', [chain]));
    expect(await problemsOf(h(), chain)).toEqual(['3:sequence_gap', '3:broken_link']);
  });

  it('a deleted last entry no longer matches the recorded head', async () => {
    const chain = await tenantWithChain(h(), 3);
    await tamper(h(), (tx) => tx.query('DELETE FROM audit_log WHERE chain = $1 AND seq = 3', [chain]));
    expect(await problemsOf(h(), chain)).toEqual(['2:head_mismatch']);
  });

  it('the newest entries deleted with the head moved back to the new last entry: the unsigned head gives it away', async () => {
    const chain = await tenantWithChain(h(), 5);
    await tamper(h(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE chain = $1 AND seq > 3', [chain]);
      await tx.query('UPDATE audit_heads SET seq = 3, hash = (SELECT hash FROM audit_log WHERE chain = $1 AND seq = 3) WHERE chain = $1', [chain]);
    });
    expect(await problemsOf(h(), chain)).toEqual(['3:head_signature_invalid']);
  });

  it('a head moved back to a signature copied from another chain does not verify either', async () => {
    const chain = await tenantWithChain(h(), 3);
    const other = await tenantWithChain(h(), 2);
    await tamper(h(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE chain = $1 AND seq > 2', [chain]);
      await tx.query(
        `UPDATE audit_heads SET seq = 2, hash = (SELECT hash FROM audit_log WHERE chain = $1 AND seq = 2),
                mac = (SELECT mac FROM audit_heads WHERE chain = $2) WHERE chain = $1`,
        [chain, other],
      );
    });
    expect(await problemsOf(h(), chain)).toEqual(['2:head_signature_invalid']);
  });

  it('a whole tenant chain deleted with its head is reported missing, and the CLI-facing result is not intact', async () => {
    const chain = await tenantWithChain(h(), 3);
    expect(await problemsOf(h(), chain)).toEqual([]);
    await tamper(h(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE chain = $1', [chain]);
      await tx.query('DELETE FROM audit_heads WHERE chain = $1', [chain]);
    });
    expect(await problemsOf(h(), chain)).toEqual(['0:chain_missing']);
  });

  it('a chain first opened inside a tenant transaction is announced too, so its deletion is reported as well', async () => {
    const m = await createMerchant(h());
    await inTenant(h().ctx.db, m.tenantId, (tx) =>
      recordAudit(tx, h().ctx.keys.audit, { tenantId: m.tenantId, actor: { type: 'user', id: m.userId }, action: 'subscriber.viewed', target: { type: 'subscriber', id: 's1' } }),
    );
    expect([...(await problemsOf(h(), m.tenantId)), ...(await problemsOf(h(), 'platform'))]).toEqual([]);
    await tamper(h(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE chain = $1', [m.tenantId]);
      await tx.query('DELETE FROM audit_heads WHERE chain = $1', [m.tenantId]);
    });
    expect(await problemsOf(h(), m.tenantId)).toEqual(['0:chain_missing']);
  });

  it('a tenant transaction cannot use the announcement functions to write the platform chain at will', async () => {
    const chain = await tenantWithChain(h(), 2);
    await expect(inTenant(h().ctx.db, chain, (tx) => tx.query('SELECT * FROM audit_announce_claim()'))).rejects.toMatchObject({ code: 'P0001' });
    await expect(inTenant(h().ctx.db, chain, (tx) => tx.query("SELECT audit_announce_append(1, now(), 'system', NULL, 'x', 'y')"))).rejects.toMatchObject({ code: 'P0001' });
    expect(await problemsOf(h(), 'platform')).toEqual([]);
  });

  it('heads written before heads were signed fail verify until adopted, and a broken chain is never adopted', async () => {
    const old = await tenantWithChain(h(), 3);
    const broken = await tenantWithChain(h(), 3);
    await tamper(h(), async (tx) => {
      await tx.query('UPDATE audit_heads SET mac = NULL WHERE chain = ANY($1)', [[old, broken]]);
      await tx.query(`UPDATE audit_log SET details = '{"n": 7}' WHERE chain = $1 AND seq = 2`, [broken]);
    });
    expect(await problemsOf(h(), old)).toEqual(['3:head_signature_invalid']);
    const r = await adoptUnsignedHeads(h().ctx.db, h().ctx.keys.audit);
    expect(r.adopted).toContain(old);
    expect(r.refused).toEqual([broken]);
    expect(await problemsOf(h(), old)).toEqual([]);
    expect(await problemsOf(h(), broken)).toEqual(['2:hash_mismatch', '3:head_signature_invalid']);
  });

  it('the whole platform chain deleted with its head (taking the announcements along) is reported missing', async () => {
    await tenantWithChain(h(), 2);
    await tamper(h(), async (tx) => {
      await tx.query(`DELETE FROM audit_log WHERE chain = 'platform'`);
      await tx.query(`DELETE FROM audit_heads WHERE chain = 'platform'`);
    });
    expect(await problemsOf(h(), 'platform')).toEqual(['0:chain_missing']);
  });

  it('the append-only trigger refuses UPDATE and DELETE, and the app role may not even try', async () => {
    const chain = await tenantWithChain(h(), 2);
    await expect(inPlatform(h().ctx.db, (tx) => tx.query(`UPDATE audit_log SET action = 'x' WHERE chain = $1`, [chain]))).rejects.toMatchObject({ code: 'P0001' });
    await expect(inPlatform(h().ctx.db, (tx) => tx.query('DELETE FROM audit_log WHERE chain = $1', [chain]))).rejects.toMatchObject({ code: 'P0001' });
    await expect(inTenant(h().ctx.db, chain, (tx) => tx.query(`UPDATE audit_log SET action = 'x'`))).rejects.toMatchObject({ code: '42501' });
    await expect(inTenant(h().ctx.db, chain, (tx) => tx.query('DELETE FROM audit_log'))).rejects.toMatchObject({ code: '42501' });
    expect(await problemsOf(h(), chain)).toEqual([]);
  });
});
