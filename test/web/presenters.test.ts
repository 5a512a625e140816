import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hashToken, newToken } from '../../src/crypto/keys.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { routeTable } from '../../src/http/app.ts';
import { SUBJECT_COOKIE } from '../../src/privacy-center/auth.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';
import { insertAccount } from '../../src/channels/accounts.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { PAGE_PERSONAL_FIELDS } from '../../src/web/presenters.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { giveConsent } from '../disclosures/support.ts';

// Every personal field holds a value found nowhere else, so a page that shows one is caught.
const SUBSCRIBER = { displayName: 'Canary Tên Người', phone: '+84901234567', email: 'canary-sub@hoamai.example', externalId: 'zalo-canary-7731' };
const BUYER = { name: 'Canary Người Mua', phone: '+84907654321', email: 'canary-buyer@hoamai.example', address: '99 Phố Canary, Hà Nội' };
const CUSTOMER = { name: 'Canary Chủ Shop', company: 'Canary Hoa Mai JSC', billingAddress: '7 Ngõ Canary, Huế' };

type Ids = { tenantId: string; sub: string; buyer: string; record: string; channel: string; importId: string };

/**
 * Where each page route with parameters is visited. A page added without parameters is covered
 * on its own; one with parameters fails below until it is given its sample here.
 */
const SAMPLES: Record<string, (ids: Ids) => string[]> = {
  '/console/subjects/:type/:id': (s) => [`/console/subjects/subscriber/${s.sub}`, `/console/subjects/buyer/${s.buyer}`],
  '/console/consents/:id/proof': (s) => [`/console/consents/${s.record}/proof`],
  '/privacy-center/:tenantId': (s) => [`/privacy-center/${s.tenantId}`],
  // The demo merchant site (issue 14) renders for any site id: the SDK fetches nothing personal into it.
  '/demo/:id': () => ['/demo/00000000-0000-4000-8000-000000000000'],
  '/policies/:kind': () => ['/policies/privacy', '/policies/terms'],
  '/policies/:kind/:version': () => ['/policies/privacy/1'],
  '/privacy-center/:tenantId/request': (s) => [`/privacy-center/${s.tenantId}/request`],
  '/privacy-center/:tenantId/my-requests': (s) => [`/privacy-center/${s.tenantId}/my-requests`],
  '/processor-acks/:id': () => [`/processor-acks/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?token=x`],
  // A code no request has: the status page with nothing to show.
  '/privacy-center/requests/status/:code': () => [`/privacy-center/requests/status/${'0'.repeat(32)}`],
  // Issue 13's console channel pages: a connected bot with the sample Subscriber, and a finished import.
  '/console/channels/:id/subscribers': (s) => [`/console/channels/${s.channel}/subscribers`],
  '/console/channels/imports/:id': (s) => [`/console/channels/imports/${s.importId}?channel=${s.channel}`],
  '/console/subscribers/:id': (s) => [`/console/subscribers/${s.sub}`],
  '/console/subscribers/:id/conversation': (s) => [`/console/subscribers/${s.sub}/conversation`],
};
// Routes that answer only with a redirect (to the visitor's own console).
const REDIRECT_ONLY = new Set(['/console', '/demo']);
const NOT_PAGES = [/^\/api\//, /^\/webhooks\//, /^\/schemas\//, /^\/assets\//, /^\/docs/, /^\/openapi\.json$/, /^\/health/];

describeEachStore('every page of the route table, for every kind of visitor', (h) => {
  const bodies = new Map<string, string>();
  let merchantTenant = '';
  let walked: Promise<void> | undefined;
  // One walk of every page for every visitor, shared by the tests below.
  const renderEveryPage = () => (walked ??= walkPages());

  async function walkPages(): Promise<void> {
    const m = await createMerchant(h());
    const officer = await createStaff(h(), 'privacy_officer');
    const patched = await h().app.inject({ method: 'PATCH', url: '/api/me', headers: m.headers, payload: CUSTOMER });
    expect(patched.statusCode).toBe(200);
    const { sub, buyer } = await inTenant(h().ctx.db, m.tenantId, async (tx) => ({
      sub: (await insertSubscriber(tx, h().ctx.keys, m.tenantId, { channel: 'zalo', source: 'channel:zalo', legalBasis: 'consent', ...SUBSCRIBER })).id,
      buyer: await insertBuyer(tx, h().ctx.keys, m.tenantId, { source: 'import:csv', ...BUYER }),
    }));
    const record = await giveConsent(h(), m.tenantId, { type: 'subscriber', id: sub }, 'provide_service');
    // The Subscriber signed in to their privacy center, as redeeming their mailed link does.
    const token = newToken();
    await inPlatform(h().ctx.db, (tx) => tx.query(
      `INSERT INTO subject_sessions (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'subscriber', $3, now() + interval '1 hour')`,
      [hashToken(token), m.tenantId, sub],
    ));
    const visitors: Record<string, Record<string, string>> = {
      anonymous: {}, merchant: { cookie: m.cookie }, staff: { cookie: officer.headers.cookie! }, subscriber: { cookie: `${SUBJECT_COOKIE}=${token}` },
    };
    const { channel, importId } = await inTenant(h().ctx.db, m.tenantId, async (tx) => {
      const account = await insertAccount(tx, keyringFor(h().ctx.config), m.tenantId, { platform: 'telegram', platformAccount: 'canary_bot', secrets: { accessToken: '1:canary', secretToken: 'canary-secret' } });
      await tx.query("UPDATE subscribers SET channel_account_id = $2, opt_in_source = 'start_payload', opt_in_at = now() WHERE id = $1", [sub, account.id]);
      const [imp] = await tx.query<{ id: string }>("INSERT INTO subscriber_imports (tenant_id, legal_basis, state, total_rows, done_rows) VALUES ($1, 'consent', 'done', 3, 3) RETURNING id", [m.tenantId]);
      return { channel: account.id, importId: imp!.id };
    });
    const ids = { tenantId: m.tenantId, sub, buyer, record, channel, importId };

    merchantTenant = m.tenantId;
    const pages = [...new Set(routeTable(h().app).filter((r) => r.method === 'GET' && !NOT_PAGES.some((p) => p.test(r.url))).map((r) => r.url))];
    expect(pages.length).toBeGreaterThan(20);
    for (const route of pages) {
      if (REDIRECT_ONLY.has(route)) continue;
      const sample = SAMPLES[route];
      expect(sample ?? !route.includes(':'), `${route} has parameters: give it a sample in SAMPLES`).toBeTruthy();
      let shown = 0;
      for (const url of sample ? sample(ids) : [route]) {
        for (const [who, headers] of Object.entries(visitors)) {
          const res = await h().app.inject({ method: 'GET', url, headers });
          expect([200, 303, 404], `${who} ${url}`).toContain(res.statusCode);
          if (res.statusCode !== 200) continue;
          expect(res.headers['content-type'], url).toContain('text/html');
          bodies.set(`${who} ${url}`, res.body);
          shown += 1;
        }
      }
      expect(shown, `${route} renders for some visitor`).toBeGreaterThan(0);
    }
  }

  it('[C07] shows the fields its presenter names and no other personal value', async () => {
    await renderEveryPage();
    const everything = [...bodies.values()].join('\n');
    for (const [kind, values] of [['subscriber', SUBSCRIBER], ['buyer', BUYER], ['customer', CUSTOMER]] as const) {
      const named: readonly string[] = PAGE_PERSONAL_FIELDS[kind];
      for (const [field, value] of Object.entries(values)) {
        if (named.includes(field)) expect(everything, `${kind}.${field} is named and shown`).toContain(value);
        else for (const [page, body] of bodies) expect(body, `${page} shows ${kind}.${field}, which no presenter names`).not.toContain(value);
      }
    }
    // A Subscriber's own privacy center shows their choices, not even their own name.
    expect(bodies.get(`subscriber /privacy-center/${merchantTenant}`)).toContain('id="pc-main"');
    expect(bodies.get(`subscriber /privacy-center/${merchantTenant}`)).not.toContain(SUBSCRIBER.displayName);
  }, 120_000);

  it('[C15] every form that asks a person to type something links the section of the privacy policy that covers it', async () => {
    await renderEveryPage();
    // The policy's numbered sections, as the policy page gives them their anchors (section-N).
    const sections = new Set([...readFileSync('policies/privacy.v1.en.txt', 'utf8').matchAll(/^(\d+)\.\s/gm)].map((x) => x[1]!));
    let forms = 0;
    for (const [page, body] of bodies) {
      for (const [form] of body.matchAll(/<form\b[^]*?<\/form>/g)) {
        const asks = /<textarea\b|<input\b(?![^>]*type="(?:hidden|checkbox|radio|submit|button)")[^>]*>/.test(form);
        if (!asks) continue;
        forms += 1;
        const link = /href="\/policies\/privacy#section-(\d+)"/.exec(form);
        expect(link, `${page}: ${/<form[^>]*>/.exec(form)![0]} asks for input without linking the policy`).not.toBeNull();
        expect(sections.has(link![1]!), `${page}: links section ${link![1]}, which the policy does not have`).toBe(true);
      }
    }
    // Sign-up, sign-in, profile, privacy center, requests, contact, community, console and staff forms.
    expect(forms).toBeGreaterThan(10);
  }, 120_000);
});
