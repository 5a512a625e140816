import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff, createSubscriber } from '../support/factories.ts';
import { openUser, USER_KEY, type SealedUser } from '../../src/accounts/users.ts';
import { mailOfKind } from '../sealing/support.ts';

const v1 = (kind: string, lang: string) => readFileSync(new URL(`../../policies/${kind}.v1.${lang}.txt`, import.meta.url), 'utf8');
const joined = (diff: Array<{ op: string; text: string }>, keep: string) => diff.filter((p) => p.op === 'same' || p.op === keep).map((p) => p.text).join('');

const V2 = {
  kind: 'privacy',
  bodyVi: v1('privacy', 'vi').replace('ECOMKEY', 'ECOMKEY (Công ty Cổ phần Công nghệ ECOMKEY)'),
  bodyEn: v1('privacy', 'en').replace('9. Changes to the Privacy Policy', '9. Changes to this Privacy Policy (we e-mail every user)'),
  summaryVi: 'Chúng tôi gửi email cho mọi người dùng khi chính sách thay đổi.',
  summaryEn: 'We now e-mail every user when the policy changes.',
  significant: true,
};

describeEachStore('policy versions', (h) => {
  const publish = (headers: Record<string, string>, body: object) =>
    h().app.inject({ method: 'POST', url: '/api/staff/policies', headers, payload: body });
  const get = (url: string, headers: Record<string, string> = {}) => h().app.inject({ method: 'GET', url, headers });

  it('[C40] before any change there is no site notice and version 1 of each kind is current and required', async () => {
    expect((await get('/api/site-notice')).json()).toEqual({ notice: null });
    const res = await get('/api/policies');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ privacy: { current: { version: 1, significant: true }, required: 1 }, terms: { current: { version: 1 }, required: 1 } });
    const cur = await get('/api/policies/privacy/current?lang=en');
    expect(cur.json()).toMatchObject({ kind: 'privacy', version: 1, lang: 'en', previousVersion: null, diff: [] });
    expect(cur.json().body).toBe(v1('privacy', 'en'));
    // Vietnamese by default.
    expect((await get('/api/policies/terms/current')).json()).toMatchObject({ lang: 'vi', body: v1('terms', 'vi') });
  });

  it('[C40] publishing a significant version shows the site notice, e-mails every user and asks those who accepted v1 to accept again', async () => {
    const lan = await createMerchant(h());
    const sub = await createSubscriber(h(), lan.tenantId);
    expect((await get(`/api/subscribers/${sub}`, lan.headers)).statusCode).toBe(200);
    const officer = await createStaff(h(), 'privacy_officer');
    const users = (await h().ctx.db.query<SealedUser>(`SELECT u.id, u.email, u.name, ${USER_KEY()} FROM users u WHERE u.closed_at IS NULL`)).map((u) => openUser(h().ctx.keys, u));

    const res = await publish(officer.headers, V2);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, notified: users.length });

    const notice = await get('/api/site-notice');
    expect(notice.json().notice).toMatchObject({ kind: 'privacy', version: 2, summaryVi: V2.summaryVi, summaryEn: V2.summaryEn });

    const mails = await mailOfKind(h(), 'policy_changed');
    expect(mails.map((m) => m.to).sort()).toEqual(users.map((u) => u.email).sort());
    expect(mails.find((m) => m.to === lan.email)!.text).toContain(V2.summaryVi);

    const refused = await get(`/api/subscribers/${sub}`, lan.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('policy_acceptance_required');
    expect((await get('/api/policies/status', lan.headers)).json()).toMatchObject({
      acceptanceRequired: true, accepted: { privacyVersion: 1, termsVersion: 1 }, current: { privacy: 2, terms: 1 },
    });
    expect((await get('/api/policies')).json()).toMatchObject({ privacy: { current: { version: 2 }, required: 2 }, terms: { required: 1 } });

    const stale = await h().app.inject({ method: 'POST', url: '/api/policies/accept', headers: lan.headers, payload: { privacyVersion: 1, termsVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'policy_version_outdated', kind: 'privacy', current: 2 });
    expect(refused.json().code).toBe('policy_acceptance_required');

    const ok = await h().app.inject({ method: 'POST', url: '/api/policies/accept', headers: lan.headers, payload: { privacyVersion: 2, termsVersion: 1 } });
    expect(ok.statusCode).toBe(201);
    expect((await get(`/api/subscribers/${sub}`, lan.headers)).statusCode).toBe(200);

    const [audit] = await h().ctx.db.query<{ actor_type: string; actor_id: string; details: Record<string, unknown> }>(
      "SELECT actor_type, actor_id, details FROM audit_log WHERE chain = 'platform' AND action = 'policy.published' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit).toEqual({ actor_type: 'staff', actor_id: officer.staffId, details: { kind: 'privacy', version: 2, significant: true, notified: users.length } });
  });

  it('[C40] a non-significant version e-mails nobody and does not force re-acceptance, but is what new acceptances must name', async () => {
    const lan = await createMerchant(h()); // accepted privacy v2
    const officer = await createStaff(h(), 'privacy_officer');
    const [before] = await h().ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    const res = await publish(officer.headers, { ...V2, bodyEn: V2.bodyEn + '\nTypo fixed.', summaryVi: 'Sửa lỗi chính tả.', summaryEn: 'Typo fixed.', significant: false });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 3, notified: 0 });
    const [after] = await h().ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(after!.n).toBe(before!.n);
    expect((await get('/api/subscribers', lan.headers)).statusCode).toBe(200);
    expect((await get('/api/policies/status', lan.headers)).json()).toMatchObject({ acceptanceRequired: false, current: { privacy: 3 } });
    expect((await get('/api/policies')).json()).toMatchObject({ privacy: { current: { version: 3, significant: false }, required: 2 } });
    // The banner still announces the last significant change.
    expect((await get('/api/site-notice')).json().notice).toMatchObject({ kind: 'privacy', version: 2 });

    const newcomer = await createMerchant(h(), { accept: false });
    const old = await h().app.inject({ method: 'POST', url: '/api/policies/accept', headers: newcomer.headers, payload: { privacyVersion: 2, termsVersion: 1 } });
    expect(old.statusCode).toBe(409);
    expect(old.json().code).toBe('policy_version_outdated');
    const ok = await h().app.inject({ method: 'POST', url: '/api/policies/accept', headers: newcomer.headers, payload: { privacyVersion: 3, termsVersion: 1 } });
    expect(ok.statusCode).toBe(201);
  });

  it('[C40] every version stays readable in both languages, with a diff to the previous one', async () => {
    const list = await get('/api/policies/privacy/versions');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { version: number }) => i.version)).toEqual([3, 2, 1]);
    expect(list.json().items[1]).toMatchObject({ version: 2, significant: true, summaryEn: V2.summaryEn });

    const first = await get('/api/policies/privacy/versions/1?lang=vi');
    expect(first.json()).toMatchObject({ version: 1, lang: 'vi', body: v1('privacy', 'vi'), previousVersion: null, diff: [] });

    for (const lang of ['en', 'vi'] as const) {
      const second = (await get(`/api/policies/privacy/versions/2?lang=${lang}`)).json();
      const body = lang === 'en' ? V2.bodyEn : V2.bodyVi;
      expect(second).toMatchObject({ version: 2, lang, body, previousVersion: 1, summary: lang === 'en' ? V2.summaryEn : V2.summaryVi });
      expect(joined(second.diff, 'del')).toBe(v1('privacy', lang));
      expect(joined(second.diff, 'add')).toBe(body);
      expect(second.diff.filter((p: { op: string }) => p.op !== 'same').length).toBeGreaterThan(0);
    }
    // Word-level: only the changed words are marked, not the whole paragraph.
    const enDiff = (await get('/api/policies/privacy/versions/2?lang=en')).json().diff as Array<{ op: string; text: string }>;
    expect(enDiff.filter((p) => p.op === 'add').map((p) => p.text).join('')).not.toContain('Privacy Policy\n');
    expect(enDiff.filter((p) => p.op === 'add').map((p) => p.text).join('')).toContain('we e-mail every user');

    const current = (await get('/api/policies/privacy/current?lang=en')).json();
    expect(current).toMatchObject({ version: 3, previousVersion: 2, diff: [{ op: 'same' }, { op: 'add', text: '\nTypo fixed.' }] });
    const hashes = new Set(list.json().items.map((i: { contentHash: string }) => i.contentHash));
    expect(hashes.size).toBe(3);
  });

  it('publishing is for the privacy officer only: support staff and merchants get 403, anonymous 401', async () => {
    const support = await createStaff(h(), 'support');
    const m = await createMerchant(h());
    const body = { ...V2, bodyEn: 'x', significant: false };
    const bySupport = await publish(support.headers, body);
    expect(bySupport.statusCode).toBe(403);
    expect(bySupport.json().code).toBe('privacy_officer_only');
    const byMerchant = await publish(m.headers, body);
    expect(byMerchant.statusCode).toBe(403);
    expect(byMerchant.json().code).toBe('staff_only');
    expect((await publish({}, body)).statusCode).toBe(401);
    expect((await get('/api/policies/privacy/versions')).json().items).toHaveLength(3);
  });

  it('publish refuses unknown kinds, missing languages, extra fields and an unchanged text', async () => {
    const officer = await createStaff(h(), 'privacy_officer');
    for (const body of [
      { ...V2, kind: 'cookies' },
      { ...V2, bodyVi: '' },
      { ...V2, summaryEn: '   ' },
      { ...V2, significant: 'yes' },
      { ...V2, version: 9 },
    ]) {
      const res = await publish(officer.headers, body);
      expect(res.statusCode, JSON.stringify(Object.keys(body))).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const current = (await get('/api/policies/terms/current?lang=vi')).json().body as string;
    const same = await publish(officer.headers, { ...V2, kind: 'terms', bodyVi: current, bodyEn: v1('terms', 'en') });
    expect(same.statusCode).toBe(422);
    expect(same.json().code).toBe('policy_unchanged');
  });

  it('version reads refuse unknown kinds, malformed versions, unknown languages and extra parameters', async () => {
    for (const url of [
      '/api/policies/cookies/versions',
      '/api/policies/cookies/current',
      '/api/policies/privacy/versions/0',
      '/api/policies/privacy/versions/-1',
      '/api/policies/privacy/versions/abc',
      '/api/policies/privacy/versions/1.5',
      '/api/policies/privacy/versions/01',
      '/api/policies/privacy/versions/1?lang=fr',
      '/api/policies/privacy/current?lang=fr',
      '/api/policies/privacy/current?lang=en&x=1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json().code, url).toBe('validation_failed');
    }
    const missing = await get('/api/policies/privacy/versions/99');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });
});
