import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAndSignIn, waitForMail } from '../accounts/support.ts';
import { when } from '../../src/web/pages/console-common.tsx';
import { mailTo } from '../sealing/support.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { get, post, subscriberWithEmail } from './support.ts';

/** A form posted as a browser without JavaScript posts it: urlencoded, with the page's hidden fields. */
const postForm = (h: Harness, url: string, fields: Record<string, string>, cookie: string) =>
  h.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const rows = (html: string) => [...html.matchAll(/<tr data-id="[^"]+" data-kind="([a-z]+)" data-state="([a-z_]+)">/g)].map((m) => `${m[1]}:${m[2]}`);

async function subjectCookie(h: Harness, m: Merchant, email: string): Promise<string> {
  expect((await post(h, `/api/privacy-center/${m.tenantId}/sign-in`, { email })).statusCode).toBe(202);
  await waitForMail(h, email);
  const token = /token=([A-Za-z0-9_-]+)/.exec((await mailTo(h, email))[0]!.text)![1];
  const s = await post(h, '/api/privacy-center/session', { token });
  return String(s.headers['set-cookie']).split(';')[0]!;
}

for (const store of testStores()) {
  describe(`privacy center: my requests (${store})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bootHarness(store);
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('[C33][C31] a Subscriber files an erasure and an access request on their page without JavaScript and follows them with their due dates, in vi and en', async () => {
      const m = await createMerchant(h);
      const s = await subscriberWithEmail(h, m);
      const other = await subscriberWithEmail(h, m);
      const cookie = await subjectCookie(h, m, s.email);
      const page = `/privacy-center/${m.tenantId}/my-requests`;
      const empty = await get(h, `${page}?lang=en`, { cookie });
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('My requests');
      expect(empty.body).toContain('You have not sent any request yet.');
      // A Subscriber's correction asks for their own fields, not a Customer's.
      expect(empty.body).toContain('name="displayName"');
      expect(empty.body).not.toContain('name="company"');

      const filed = await postForm(h, page, { _csrf: csrfIn(empty.body), kind: 'erasure' }, cookie);
      expect([filed.statusCode, filed.headers.location]).toEqual([303, `${page}?done=filed`]);
      const again = await get(h, `${page}?done=filed&lang=vi`, { cookie });
      expect(again.body).toContain('Đã nhận yêu cầu của bạn.');
      expect(rows(again.body)).toEqual(['erasure:verified']);
      expect(again.body).toContain('Xóa dữ liệu');
      // The same ask while it is open is linked, and the page says so.
      const twice = await postForm(h, page, { _csrf: csrfIn(again.body), kind: 'erasure' }, cookie);
      expect(twice.headers.location).toBe(`${page}?done=duplicate`);
      const access = await postForm(h, page, { _csrf: csrfIn(again.body), kind: 'access' }, cookie);
      expect(access.statusCode).toBe(303);
      const list = (await get(h, `${page}?lang=en`, { cookie })).body;
      expect(rows(list)).toHaveLength(3);
      expect(rows(list)).toEqual(expect.arrayContaining(['access:verified', 'erasure:verified']));
      // Each with its due date: the policy's and the law's earliest, as the page prints it.
      const due = (await h.ctx.db.query<{ due_at: Date }>("SELECT due_at FROM subject_requests WHERE subject_id = $1 AND kind = 'erasure' AND duplicate_of IS NULL", [s.id]))[0]!.due_at;
      expect(list).toContain(`<td>${when({ lang: 'en' }, due)}</td>`);
      // They reach the merchant's inbox.
      const inbox = (await get(h, '/api/requests', m.headers)).json().items as { subject: { id: string }; kind: string }[];
      expect(inbox.filter((i) => i.subject.id === s.id).map((i) => i.kind)).toContain('erasure');
      // Another Subscriber's page shows none of it.
      const theirs = await get(h, `${page}?lang=en`, { cookie: await subjectCookie(h, m, other.email) });
      expect(rows(theirs.body)).toEqual([]);
    });

    it('[C16] a refused correction comes back as the field\'s error with the typed values kept; without a session or CSRF token nothing is filed', async () => {
      const m = await createMerchant(h);
      const s = await subscriberWithEmail(h, m);
      const cookie = await subjectCookie(h, m, s.email);
      const page = `/privacy-center/${m.tenantId}/my-requests`;
      const csrf = csrfIn((await get(h, `${page}?lang=en`, { cookie })).body);
      const name = `Lan Phạm ${randomUUID().slice(0, 4)}`;
      const bad = await postForm(h, `${page}?lang=en`, { _csrf: csrf, kind: 'rectification', displayName: name, phone: 'gọi tôi' }, cookie);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/id="rq-mine-phone"[^>]*aria-invalid="true"/);
      expect(bad.body).toContain(`value="${name}"`);
      expect(rows(bad.body)).toEqual([]);
      const forged = await postForm(h, page, { _csrf: 'not-the-token', kind: 'erasure' }, cookie);
      expect(forged.statusCode).toBe(403);
      expect((await postForm(h, page, { _csrf: csrf, kind: 'erasure' }, '')).statusCode).toBe(303);
      expect((await get(h, page)).headers.location).toBe(`/privacy-center/${m.tenantId}`);
      expect(await h.ctx.db.query('SELECT 1 FROM subject_requests WHERE subject_id = $1', [s.id])).toEqual([]);
    });

    it('[C16][C33] a signed-in Customer files a correction of their profile on /privacy-center/my-requests and sees it listed', async () => {
      const a = await signUpAndSignIn(h, { body: { name: 'Trần Văn Cũ' } });
      const page = '/privacy-center/my-requests';
      expect((await get(h, page)).headers.location).toMatch(/^\/signin\?next=/);
      const form = await get(h, `${page}?lang=en`, { cookie: a.cookie });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="billingAddress"');
      const filed = await postForm(h, page, { _csrf: csrfIn(form.body), kind: 'rectification', name: 'Trần Văn Mới', company: '', billingAddress: '' }, a.cookie);
      expect([filed.statusCode, filed.headers.location]).toEqual([303, `${page}?done=filed`]);
      expect(rows((await get(h, page, { cookie: a.cookie })).body)).toEqual(['rectification:verified']);
      const [held] = await h.ctx.db.query<{ correction: string }>("SELECT correction FROM subject_requests WHERE subject_id = $1 AND kind = 'rectification'", [a.userId]);
      expect(held!.correction).toMatch(/^v1\./);
    });
  });
}
