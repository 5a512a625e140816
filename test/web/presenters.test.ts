import { expect, it } from 'vitest';
import { inTenant } from '../../src/db/scope.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';
import { PAGE_PERSONAL_FIELDS } from '../../src/web/presenters.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';
import { giveConsent } from '../disclosures/support.ts';

// Every personal field holds a value found nowhere else, so a page that shows one is caught.
const SUBSCRIBER = { displayName: 'Canary Tên Người', phone: '+84901234567', email: 'canary-sub@hoamai.example', externalId: 'zalo-canary-7731' };
const BUYER = { name: 'Canary Người Mua', phone: '+84907654321', email: 'canary-buyer@hoamai.example', address: '99 Phố Canary, Hà Nội' };

describeEachStore('console pages show only the personal fields a presenter names', (h) => {

  it('[C07] every console page a subject appears on shows the fields its presenter names and no other personal value', async () => {
    const m = await createMerchant(h());
    const { sub, buyer } = await inTenant(h().ctx.db, m.tenantId, async (tx) => ({
      sub: (await insertSubscriber(tx, h().ctx.keys, m.tenantId, { channel: 'zalo', source: 'channel:zalo', legalBasis: 'consent', ...SUBSCRIBER })).id,
      buyer: await insertBuyer(tx, h().ctx.keys, m.tenantId, { source: 'import:csv', ...BUYER }),
    }));
    const record = await giveConsent(h(), m.tenantId, { type: 'subscriber', id: sub }, 'provide_service');
    const pages = ['/console/subjects', `/console/subjects/subscriber/${sub}`, `/console/subjects/buyer/${buyer}`, `/console/consents/${record}/proof`, '/console/disclosures'];
    const bodies = new Map<string, string>();
    for (const url of pages) {
      const res = await h().app.inject({ method: 'GET', url, headers: { cookie: m.cookie } });
      expect(res.statusCode, url).toBe(200);
      bodies.set(url, res.body);
    }
    const everything = [...bodies.values()].join('\n');
    for (const [kind, values] of [['subscriber', SUBSCRIBER], ['buyer', BUYER]] as const) {
      const named: readonly string[] = PAGE_PERSONAL_FIELDS[kind];
      for (const [field, value] of Object.entries(values)) {
        if (named.includes(field)) expect(everything, `${kind}.${field} is named and shown`).toContain(value);
        else for (const [url, body] of bodies) expect(body, `${url} shows ${kind}.${field}, which no presenter names`).not.toContain(value);
      }
    }
  }, 120_000);
});
