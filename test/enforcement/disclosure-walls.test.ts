import { expect, it } from 'vitest';
import { createMerchant } from '../support/factories.ts';
import { describeEachStore } from '../support/harness.ts';
import { disclosureCount, subscriberFrom } from '../disclosures/support.ts';

const toCompany = (subjectId: string, over: Record<string, unknown> = {}) => ({
  recipientKind: 'third_party', recipientUse: 'service', recipientName: 'Giao Hàng Tiết Kiệm JSC', basis: 'subject_request', purpose: 'provide_service',
  categories: ['user.contact.address', 'user.name'], subjects: [{ type: 'subscriber', id: subjectId }], ...over,
});

describeEachStore('disclosure walls', (h) => {
  const post = (headers: Record<string, string>, payload: unknown) => h().app.inject({ method: 'POST', url: '/api/disclosures', headers, payload: payload as object });

  it('[C04] "the subject asked for it" needs the request they made on record, not just a contract basis', async () => {
    const m = await createMerchant(h());
    // A plain contract basis, no consent to disclosure: before, this was enough to send the address out.
    const s = await subscriberFrom(h(), m.tenantId, 'channel:zalo', 'contract');
    const other = await subscriberFrom(h(), m.tenantId, 'channel:zalo', 'contract');
    const bare = await post(m.headers, toCompany(s.id));
    expect([bare.statusCode, bare.json().code, bare.json().clause]).toEqual([422, 'disclosure_request_missing', 'C04']);

    const made = await h().app.inject({
      method: 'POST', url: `/api/subjects/subscriber/${s.id}/requests`, headers: m.headers,
      payload: { kind: 'disclosure', receivedVia: 'bot', evidenceRef: 'zalo-msg-8812231' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const requestId = made.json().id as string;
    // Another subject's request, or one of a kind that asks for nothing to be sent, does not count.
    expect((await post(m.headers, toCompany(other.id, { requestId }))).json().code).toBe('disclosure_request_missing');
    const erasure = await h().app.inject({
      method: 'POST', url: `/api/subjects/subscriber/${s.id}/requests`, headers: m.headers, payload: { kind: 'erasure', receivedVia: 'phone', evidenceRef: 'call-2026-12-01' },
    });
    expect((await post(m.headers, toCompany(s.id, { requestId: erasure.json().id }))).json().code).toBe('disclosure_request_missing');
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);

    const ok = await post(m.headers, toCompany(s.id, { requestId }));
    expect(ok.statusCode, ok.body).toBe(201);
    const [row] = await h().ctx.db.query<{ request_id: string }>('SELECT request_id FROM disclosures WHERE tenant_id = $1', [m.tenantId]);
    expect(row!.request_id).toBe(requestId);
    // The database holds the rule too: no subject_request row without its request.
    await expect(h().ctx.db.query(
      `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_name, basis, purpose, categories, subject_count, disclosed_at, recorded_by_type)
       VALUES ($1, 'third_party', 'X Co.', 'subject_request', 'provide_service', '{user.name}', 1, now(), 'user')`, [m.tenantId],
    )).rejects.toThrow(/disclosures_request_required/);
  });

  it('[C28] a disclosure says what the recipient does with the data, and its own marketing is refused', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    const { recipientUse: _omit, ...unsaid } = toCompany(s.id);
    expect((await post(m.headers, unsaid)).statusCode).toBe(400);
    const marketing = await post(m.headers, toCompany(s.id, { recipientUse: 'marketing', basis: 'subject_permission' }));
    expect([marketing.statusCode, marketing.json().code, marketing.json().clause]).toEqual([403, 'purpose_forbidden', 'C28']);
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);
  });
});
