import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';

const kind = testStores().at(-1)!;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe(`feedback and comments (${kind})`, () => {
  let h: Harness;
  let author: Merchant;
  beforeAll(async () => {
    h = await bootHarness(kind);
    author = await createMerchant(h);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  const post = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/api/community/posts', headers: author.headers, payload });

  it('[C09] a published post shows its username, city and text to anyone, and nothing else of its author', async () => {
    const res = await post({ kind: 'compliment', username: 'hoamai_lan', city: 'Huế', body: 'Bot trả lời khách rất nhanh, cảm ơn đội ngũ!', lang: 'vi' });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await h.app.inject({ method: 'GET', url: '/api/community/posts' })).json();
    const mine = list.items.find((p: { id: string }) => p.id === res.json().id);
    expect(Object.keys(mine).sort()).toEqual(['body', 'city', 'id', 'kind', 'postedAt', 'username']);
    expect(mine).toMatchObject({ username: 'hoamai_lan', city: 'Huế', body: 'Bot trả lời khách rất nhanh, cảm ơn đội ngũ!' });
    const page = await h.app.inject({ method: 'GET', url: '/community' });
    expect(page.body).toContain('hoamai_lan');
    expect(page.body).not.toContain(author.email);
  });

  it('[C09] before posting, the form says the post is public and unprotected; an anonymous visitor is asked to sign in', async () => {
    const signedIn = await h.app.inject({ method: 'GET', url: '/community?lang=en', headers: { cookie: author.cookie } });
    expect(signedIn.body).toMatch(/id="community-public"[^>]*>[^]*Posts are public[^]*cannot protect/);
    expect(signedIn.body).toContain('id="community-form"');
    const vi = await h.app.inject({ method: 'GET', url: '/community?lang=vi', headers: { cookie: author.cookie } });
    expect(vi.body).toContain('Bài đăng là công khai');
    const anon = await h.app.inject({ method: 'GET', url: '/community' });
    expect(anon.body).not.toContain('id="community-form"');
    expect((await h.app.inject({ method: 'POST', url: '/api/community/posts', payload: { kind: 'issue', username: 'x', city: 'y', body: 'z' } })).statusCode).toBe(401);
  });

  it('[C09] the detector warns about a phone number, an e-mail or a health disclosure before the post is published, and publishes only once the author confirms', async () => {
    const text = 'Shop giao nhầm hàng, gọi tôi ở 0912 345 678 hoặc mail lan.tran@gmail.com. Tôi đang điều trị ung thư nên cần gấp.';
    const first = await post({ kind: 'issue', username: 'lan_t', city: 'Đà Nẵng', body: text, lang: 'vi' });
    expect(first.statusCode).toBe(422);
    expect(first.json().code).toBe('post_needs_review');
    const kinds = new Set(first.json().warnings.map((w: { type: string }) => w.type));
    expect([...kinds]).toEqual(expect.arrayContaining(['PHONE', 'EMAIL', 'SENSITIVE']));
    expect(JSON.stringify(first.json())).not.toContain('0912');
    const before = (await h.app.inject({ method: 'GET', url: '/api/community/posts' })).json().items;
    expect(before.some((p: { body: string }) => p.body === text)).toBe(false);

    const confirmed = await post({ kind: 'issue', username: 'lan_t', city: 'Đà Nẵng', body: text, lang: 'vi', confirmed: true });
    expect(confirmed.statusCode).toBe(201);
    // A card number is never published, confirmed or not (C02).
    const card = await post({ kind: 'issue', username: 'lan_t', city: 'Đà Nẵng', body: 'Thẻ của tôi 4111 1111 1111 1111 bị trừ tiền hai lần', confirmed: true });
    expect(card.statusCode).toBe(422);
    expect(card.json().code).toBe('card_data_refused');
  });

  it('[C09] without JavaScript, the form comes back with the warnings and a box to tick, and posts once it is ticked', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/community', headers: { cookie: author.cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const fields = { _csrf: csrf, lang: 'en', kind: 'suggestion', username: 'minh', city: 'Hà Nội', body: 'Please add Zalo Pay. Call me on 0987 654 321.' };
    const warned = await h.app.inject({ method: 'POST', url: '/community', headers: { cookie: author.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
    expect(warned.statusCode).toBe(422);
    expect(warned.body).toContain('data-warning="PHONE"');
    expect(warned.body).toContain('name="confirmed"');
    const posted = await h.app.inject({ method: 'POST', url: '/community', headers: { cookie: author.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...fields, confirmed: 'true' }) });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/community?done=posted');
  });

  it('[C41] the contact page shows the hours in Vietnam time, and its form files an inquiry without JavaScript', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/contact?lang=en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Monday – Friday<\/th><td>08:00–18:00/);
    expect(page.body).toMatch(/Saturday – Sunday<\/th><td>08:00–17:00/);
    expect(page.body).toMatch(/id="contact-now" data-open="(true|false)"/);
    const sent = await h.app.inject({ method: 'POST', url: '/contact', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ lang: 'en', email: 'visitor@example.org', subject: 'Cookies', message: 'Which cookies do you set?' }) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(/^\/contact\?sent=Q-[0-9A-Z]{8}$/);
    const bad = await h.app.inject({ method: 'POST', url: '/contact', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ lang: 'en', email: 'not-an-address', subject: 'Cookies', message: 'Which cookies?' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="contact-email-error"');
    expect(bad.body).toContain('value="not-an-address"');
  });
});
