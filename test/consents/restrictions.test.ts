import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff, createSubscriber } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';
import type { Sql } from '../../src/db/index.ts';
import { liftRestriction, loadSnapshot, recordConsent, restrictProcessing } from '../../src/consents/index.ts';
import { decide } from '../../src/domain/gate.ts';
import { publishNotice } from './support.ts';

describeEachStore('restrictions and objections', (h) => {
  const gate = (m: { headers: Record<string, string> }, payload: Record<string, unknown>) =>
    h().app.inject({ method: 'POST', url: '/api/gate/decide', headers: m.headers, payload });

  it('[C34] a subject\'s restriction/objection changes what the gate allows; only the subject or a legal ground lifts it', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['research', 'contact'], marketing: true });
    for (const purpose of ['research', 'contact']) {
      const res = await h().app.inject({
        method: 'POST', url: `/api/subjects/subscriber/${sub}/consents`, headers: m.headers,
        payload: { purpose, given: true, noticeId: notice.id, method: 'checkbox', marketing: purpose === 'contact' },
      });
      expect(res.statusCode).toBe(201);
    }
    const research = { subject: { type: 'subscriber', id: sub }, purpose: 'research', categories: ['user.behavior.browsing'], use: 'analytics', feature: 'analytics.collect' };
    expect((await gate(m, research)).statusCode).toBe(200);

    // The subject asked the shop to restrict research: the gate refuses it, other purposes go on.
    const r = await h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/restrictions`, headers: m.headers, payload: { kind: 'restriction', purpose: 'research', reason: 'Tôi không muốn bị nghiên cứu' } });
    expect(r.statusCode).toBe(201);
    const restriction = r.json();
    expect(restriction).toMatchObject({ kind: 'restriction', purpose: 'research', active: true, lifted: null });
    expect((await gate(m, research)).json()).toMatchObject({ code: 'processing_restricted', clause: 'C34' });
    const contact = { subject: { type: 'subscriber', id: sub }, purpose: 'contact', categories: ['user.contact.phone'], use: 'marketing_message' };
    expect((await gate(m, contact)).statusCode).toBe(200);
    const dup = await h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/restrictions`, headers: m.headers, payload: { kind: 'restriction', purpose: 'research' } });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'restriction_exists']);

    // An objection to marketing is absolute.
    const o = await h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/restrictions`, headers: m.headers, payload: { kind: 'objection', purpose: 'contact' } });
    expect(o.statusCode).toBe(201);
    expect((await gate(m, contact)).json()).toMatchObject({ code: 'processing_objected' });

    // A merchant cannot lift it at all: the route it used to call is gone, and support staff or a
    // privacy officer without a ground of the taxonomy are refused.
    expect((await h().app.inject({ method: 'POST', url: `/api/restrictions/${restriction.id}/lift`, headers: m.headers, payload: { by: 'legal_ground', reference: 'x' } })).statusCode).toBe(404);
    const officer = await createStaff(h());
    const lift = (payload: Record<string, unknown>, headers: Record<string, string> = officer.headers) =>
      h().app.inject({ method: 'POST', url: `/api/staff/tenants/${m.tenantId}/restrictions/${restriction.id}/lift`, headers, payload });
    expect((await lift({ ground: 'legal_claims', reference: 'x' }, m.headers)).statusCode).toBe(403);
    expect((await lift({ ground: 'legal_claims', reference: 'x' }, (await createStaff(h(), 'support')).headers)).json().code).toBe('privacy_officer_only');
    expect((await lift({ ground: 'the merchant asked', reference: 'x' })).statusCode).toBe(400);
    expect((await lift({ ground: 'legal_claims' })).statusCode).toBe(400);
    expect((await gate(m, research)).json().code).toBe('processing_restricted');

    const lifted = await lift({ ground: 'legal_claims', reference: 'Quyết định 12/2025/QĐ-TA, TAND TP.HCM' });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ active: false, lifted: { by: 'legal_ground', reference: 'Quyết định 12/2025/QĐ-TA, TAND TP.HCM' } });
    expect((await gate(m, research)).statusCode).toBe(200);
    expect((await lift({ ground: 'legal_claims', reference: 'again' })).json().code).toBe('restriction_already_lifted');

    const list = (await h().app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sub}/restrictions`, headers: m.headers })).json();
    expect(list.items.map((i: { kind: string; active: boolean }) => [i.kind, i.active])).toEqual([['objection', true], ['restriction', false]]);
    const audit = await inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ action: string; details: unknown }>('SELECT action, details FROM audit_log WHERE target_id = $1 ORDER BY seq', [sub]));
    expect(audit.map((a) => a.action)).toEqual(['consent.given', 'consent.given', 'processing.restricted', 'processing.objected', 'processing.restriction_lifted']);
    expect(JSON.stringify(audit)).not.toContain('nghiên cứu');
    // The audit names the ground, never the reference's wording.
    expect(JSON.stringify(audit)).toContain('legal_claims');
    expect(JSON.stringify(audit)).not.toContain('TAND');
  });

  it('[C34] the service lets the subject lift their own restriction, and nobody else\'s', async () => {
    const m = await createMerchant(h());
    const [a, b] = [await createSubscriber(h(), m.tenantId), await createSubscriber(h(), m.tenantId)];
    const lc = (tx: Sql) => ({ tx, auditKey: h().ctx.keys.audit });
    const subject = { tenantId: m.tenantId, type: 'subscriber' as const, id: a };
    const r = await inTenant(h().ctx.db, m.tenantId, (tx) => restrictProcessing(lc(tx), { type: 'subject', id: a }, { subject, purpose: null }));
    // A restriction with no purpose covers every purpose.
    const snap = await inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, subject));
    const ask = { feature: 'messaging.broadcast' as const, subject: { type: 'subscriber' as const, id: a, tenantId: m.tenantId }, purpose: 'communicate', categories: ['user.name'], at: Date.now() };
    expect(decide(snap, ask)).toMatchObject({ allow: false, code: 'processing_restricted' });
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => liftRestriction(lc(tx), { type: 'subject', id: b }, { restrictionId: r.id, by: 'subject' })))
      .rejects.toMatchObject({ code: 'restriction_lift_not_allowed' });
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => liftRestriction(lc(tx), { type: 'subject', id: a }, { restrictionId: r.id, by: 'legal_ground', reference: 'x' })))
      .rejects.toMatchObject({ code: 'restriction_lift_not_allowed' });
    const lifted = await inTenant(h().ctx.db, m.tenantId, (tx) => liftRestriction(lc(tx), { type: 'subject', id: a }, { restrictionId: r.id, by: 'subject' }));
    expect(lifted.lifted_by).toBe('subject');
    // The lifted row can never change again, not even with platform rights.
    await expect(h().ctx.db.query(`UPDATE processing_restrictions SET lifted_by = 'legal_ground', lift_reference = 'y' WHERE id = $1`, [r.id])).rejects.toThrow(/already lifted/);
  });

  it('[C03][C22] loadSnapshot carries a consent to disclosure, which the gate needs for a disclosure on the subject\'s permission', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['provide_service'], disclosure: true });
    const subject = { tenantId: m.tenantId, type: 'subscriber' as const, id: sub };
    const ask = (at: number) => ({
      feature: 'disclosures.record' as const, subject: { type: 'subscriber' as const, id: sub, tenantId: m.tenantId }, purpose: 'provide_service',
      categories: ['user.contact.phone'], use: 'disclosure' as const, at,
      disclosure: { basis: 'subject_permission', recipientKind: 'other_company' as const, recipientUse: 'service' as const },
    });
    const before = await inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, subject));
    expect(decide(before, ask(Date.now()))).toMatchObject({ allow: false, code: 'consent_missing', clause: 'C03' });
    const rec = await inTenant(h().ctx.db, m.tenantId, (tx) => recordConsent({ tx, auditKey: h().ctx.keys.audit }, { type: 'user', id: m.userId }, {
      subject, purpose: 'provide_service', given: true, noticeId: notice.id, method: 'paper', disclosure: true, evidence: 'form #17',
    }));
    const after = await inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, subject));
    expect(decide(after, ask(Date.now() + 1))).toMatchObject({ allow: true, basis: 'subject_permission', evidence: rec.id });
  });
});
