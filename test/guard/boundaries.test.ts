import { keyringFor } from '../../src/crypto/envelope.ts';
import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { signUpBody } from '../accounts/support.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { scanDatabase } from '../../src/scan/index.ts';
import { userEmailIndex } from '../../src/accounts/users.ts';

const CARD = '4111 1111 1111 1111';
const CARD_RE = /4111[ -]?1111[ -]?1111[ -]?1111/;

describeEachStore('input guard at every free-text boundary', (h) => {
  it('[C02] a card number in a sign-up field is refused with card_data_refused, naming the field, and nothing is stored', async () => {
    const body = signUpBody({ billingAddress: `12 Lê Lợi, Q.1 — thẻ ${CARD}` });
    const res = await h().app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: body });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'card_data_refused', fields: ['billingAddress'] });
    expect(res.body).not.toMatch(CARD_RE);
    const rows = await inPlatform(h().ctx.db, (tx) => tx.query('SELECT 1 FROM users WHERE email_bidx = $1', [userEmailIndex(h().ctx.keys, body.email)]));
    expect(rows).toEqual([]);
  });

  it('[C02] profile, Subscriber and API-key fields refuse card numbers too', async () => {
    const m = await createMerchant(h());
    const patch = await h().app.inject({ method: 'PATCH', url: '/api/me', headers: m.headers, payload: { company: `Shop ${CARD}` } });
    expect([patch.statusCode, patch.json().code, patch.json().fields]).toEqual([422, 'card_data_refused', ['company']]);
    const sub = await h().app.inject({
      method: 'POST', url: '/api/subscribers', headers: m.headers,
      payload: { channel: 'zalo', displayName: `Lan ${CARD.replace(/ /g, '')}`, source: 'channel:zalo', legalBasis: 'consent' },
    });
    expect([sub.statusCode, sub.json().code, sub.json().fields]).toEqual([422, 'card_data_refused', ['displayName']]);
    const key = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: m.headers, payload: { name: `bot ${CARD}`, role: 'agent' } });
    expect([key.statusCode, key.json().code]).toEqual([422, 'card_data_refused']);
  });

  it('[C02] notes and bot messages keep their text but the card digits are masked before storage', async () => {
    const m = await createMerchant(h());
    const subscriberId = await createSubscriber(h(), m.tenantId);
    const note = await h().app.inject({
      method: 'POST', url: `/api/subscribers/${subscriberId}/notes`, headers: m.headers,
      payload: { text: `Khách gửi số thẻ ${CARD} để thanh toán, đã bảo dùng cổng thanh toán` },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().text).toContain('•••• •••• •••• 1111');
    expect(note.json().sensitiveHeld).toBe(false);
    const msg = await h().app.inject({
      method: 'POST', url: '/api/messages/inbound', headers: m.headers,
      payload: { channel: 'zalo', subscriberId, channelMessageRef: 'zmsg-1', text: `thẻ em ${CARD.replace(/ /g, '')} hết hạn 12/27` },
    });
    expect(msg.statusCode).toBe(201);
    expect(msg.json().text).toBe('thẻ em ••••••••••••1111 hết hạn 12/27');
    const listed = await h().app.inject({ method: 'GET', url: `/api/subscribers/${subscriberId}/notes`, headers: m.headers });
    expect(listed.json().items[0].text).not.toMatch(CARD_RE);
  });

  it('[C02] after every boundary was fed card numbers, a database scan finds none and no log line holds one', async () => {
    const report = await scanDatabase(h().ctx.db, { sample: 'all', ring: keyringFor(h().ctx.config) });
    expect(report.cardsFound).toBe(0);
    expect(h().logs.lines.join('\n')).not.toMatch(CARD_RE);
  });
});
