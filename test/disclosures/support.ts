import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createNotice, recordConsent, withdrawConsent, type LedgerSubjectType } from '../../src/consents/index.ts';
import { inTenant } from '../../src/db/scope.ts';
import type { Harness } from '../support/harness.ts';
import type { Merchant } from '../support/factories.ts';
import type { SubjectSourceKey } from '../../src/domain/taxonomy/index.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';

export type Subject = { type: LedgerSubjectType; id: string };

/** A Subscriber of the tenant with a given source (`google_api` puts it under Limited Use, C20). */
export async function subscriberFrom(h: Harness, tenantId: string, source: SubjectSourceKey = 'channel:zalo', legalBasis = 'consent'): Promise<Subject> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    const r = await insertSubscriber(tx, h.ctx.keys, tenantId, { channel: 'zalo', displayName: 'Trần Thị B', source, legalBasis });
    return { type: 'subscriber', id: r.id };
  });
}

/** The subject gives consent for `purpose` to the exact words of a fresh notice; returns the record id. */
export async function giveConsent(h: Harness, tenantId: string, subject: Subject, purpose: string, opts: { disclosure?: boolean } = {}): Promise<string> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    const lctx = { tx, auditKey: h.ctx.keys.audit };
    const actor = { type: 'system' as const, id: null };
    const notice = await createNotice(lctx, actor, tenantId, {
      slug: `n-${randomUUID().slice(0, 8)}`, lang: 'vi', purposes: [purpose], disclosure: opts.disclosure ?? false,
      wording: opts.disclosure ? 'Tôi đồng ý để cửa hàng chia sẻ thông tin liên hệ của tôi với đối tác giao hàng.' : 'Tôi đồng ý để cửa hàng dùng thông tin của tôi.',
    });
    const r = await recordConsent(lctx, actor, {
      subject: { tenantId, ...subject }, purpose, given: true, noticeId: notice.id, method: 'checkbox', disclosure: opts.disclosure ?? false,
    });
    return r.id;
  });
}

export async function withdraw(h: Harness, tenantId: string, subject: Subject, purpose: string): Promise<void> {
  await inTenant(h.ctx.db, tenantId, (tx) =>
    withdrawConsent({ tx, auditKey: h.ctx.keys.audit }, { type: 'system', id: null }, { subject: { tenantId, ...subject }, purpose, method: 'checkbox' }),
  );
}

export const agreementBody = (over: Record<string, unknown> = {}) => ({
  signedAt: '2025-01-10', effectiveFrom: '2025-01-15', expiresAt: null,
  categories: ['user.contact', 'user.name'], purposes: ['provide_service', 'process_payment'],
  retention: '30 days after termination', retentionDays: 30, documentRef: 'dpa-giaohang-2025.pdf', bindsToPolicy: true, ...over,
});

/** A merchant's own provider, with an agreement unless `agreement` is null. */
export async function processorWith(h: Harness, m: Merchant, agreement: Record<string, unknown> | null = {}): Promise<string> {
  const p = await h.app.inject({ method: 'POST', url: '/api/processors', headers: m.headers, payload: { name: 'Giao Hàng Nhanh JSC', kind: 'other', contact: 'privacy@ghn.example' } });
  expect(p.statusCode, p.body).toBe(201);
  const id = p.json().id as string;
  if (agreement) {
    const a = await h.app.inject({ method: 'POST', url: `/api/processors/${id}/agreements`, headers: m.headers, payload: agreementBody(agreement) });
    expect(a.statusCode, a.body).toBe(201);
  }
  return id;
}

/** The tenant's audit entries of one action, oldest first. */
export async function auditOf(h: Harness, tenantId: string, action: string) {
  return inTenant(h.ctx.db, tenantId, (tx) =>
    tx.query<{ action: string; reason: string | null; details: Record<string, unknown>; actor_type: string }>(
      'SELECT action, reason, details, actor_type FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY seq', [tenantId, action],
    ),
  );
}

export async function disclosureCount(h: Harness, tenantId: string): Promise<number> {
  const [r] = await inTenant(h.ctx.db, tenantId, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM disclosures'));
  return Number(r!.n);
}

/**
 * ECOMKEY's e-mail provider, registered by staff over the API under an agreement that covers
 * mail (as in production): without it the mail job delivers nothing.
 */
export async function registerMailProcessor(h: Harness, staffHeaders: Record<string, string>, purposes: readonly string[] = ['authenticate', 'communicate']): Promise<void> {
  const p = await h.app.inject({ method: 'POST', url: '/api/staff/processors', headers: staffHeaders, payload: { name: 'Mailgun Technologies', kind: 'email' } });
  expect(p.statusCode, p.body).toBe(201);
  const a = await h.app.inject({ method: 'POST', url: `/api/staff/processors/${p.json().id}/agreements`, headers: staffHeaders,
    payload: agreementBody({ signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: ['user.contact.email', 'user.content.message', 'user.name'], purposes: [...purposes] }) });
  expect(a.statusCode, a.body).toBe(201);
}
