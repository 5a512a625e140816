import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from '../support/harness.ts';
import type { Merchant } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';

export const NOTICE_VI = 'Tôi đồng ý để Shop Hoa Mai dùng số điện thoại của tôi để gửi tin khuyến mãi qua Zalo. Tôi có thể rút lại bất cứ lúc nào.';

/** Publishes a notice for the merchant's tenant through the API and returns it. */
export async function publishNotice(
  h: Harness, m: Merchant,
  body: { slug?: string; purposes: string[]; marketing?: boolean; wording?: string; lang?: 'vi' | 'en'; category?: string; disclosure?: boolean },
): Promise<{ id: string; contentHash: string; wording: string; version: number }> {
  const res = await h.app.inject({
    method: 'POST', url: '/api/consent-notices', headers: m.headers,
    payload: { slug: body.slug ?? `n-${randomUUID().slice(0, 8)}`, lang: body.lang ?? 'vi', wording: body.wording ?? NOTICE_VI, purposes: body.purposes,
      ...(body.marketing !== undefined ? { marketing: body.marketing } : {}), ...(body.category ? { category: body.category } : {}),
      ...(body.disclosure !== undefined ? { disclosure: body.disclosure } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A Subscriber with an e-mail address (the privacy center signs in by e-mail). */
export async function createSubscriberWithEmail(h: Harness, tenantId: string, email: string, legalBasis = 'consent'): Promise<string> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    const r = await insertSubscriber(tx, h.ctx.keys, tenantId, { channel: 'zalo', displayName: 'Trần Thị Bích', email, source: 'channel:zalo', legalBasis });
    return r.id;
  });
}

export async function createBuyer(h: Harness, tenantId: string, email: string | null = null): Promise<string> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    return insertBuyer(tx, h.ctx.keys, tenantId, { name: 'Lê Văn Cường', email, source: 'form:checkout' });
  });
}

/** Rows of the consent ledger for one subject, counted with platform rights. */
export async function countRecords(h: Harness, subjectId: string): Promise<number> {
  const [r] = await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_records WHERE subject_id = $1', [subjectId]);
  return r!.n;
}
