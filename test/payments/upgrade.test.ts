import { keyringFor } from '../../src/crypto/envelope.ts';
import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, registerPaymentProcessor } from '../support/factories.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { processorFor } from '../../src/payments/index.ts';
import { SandboxProcessor } from '../../src/payments/sandbox.ts';
import { scanDatabase } from '../../src/scan/index.ts';

/** What the browser does: send the card to the processor's own endpoint, keep the token. */
const tokenize = (h: Harness, number: string) => (processorFor(h.ctx.config) as SandboxProcessor).tokenize({ number, expMonth: 12, expYear: 2030, cvc: '123' });

const upgrade = (h: Harness, headers: Record<string, string>, payload: unknown) =>
  h.app.inject({ method: 'POST', url: '/api/billing/upgrade', headers, payload: payload as object });

describeEachStore('paid plan upgrade (C02, C08)', (h) => {
  it('[C08] the upgrade stores the paid-plan contact and only the processor token, last four and brand', async () => {
    await registerPaymentProcessor(h());
    const m = await createMerchant(h());
    const card = tokenize(h(), '9704 0000 0000 0018');
    const res = await upgrade(h(), m.headers, {
      plan: 'paid', phone: '+84 912 345 678', physicalAddress: '12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM', paymentToken: card.token, last4: card.last4, brand: card.brand,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      plan: 'paid',
      contact: { name: 'Test Merchant', email: m.email, company: 'Test Co', phone: '+84 912 345 678', physicalAddress: '12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM' },
      paymentMethod: { brand: 'napas', last4: '0018' },
    });
    expect(res.body).not.toContain(card.token);
    const [pm] = await inPlatform(h().ctx.db, (tx) => tx.query<Record<string, string>>('SELECT * FROM payment_methods WHERE tenant_id = $1', [m.tenantId]));
    expect(pm!.processor_token).toMatch(/^enc:v1:/);
    expect(JSON.stringify(pm)).not.toMatch(/9704|tok_/);
    expect((await scanDatabase(h().ctx.db, { sample: 'all', ring: keyringFor(h().ctx.config) })).cardsFound).toBe(0);
  });

  it('[C02] an upgrade request carrying a card number anywhere is refused and stores nothing', async () => {
    await registerPaymentProcessor(h());
    const m = await createMerchant(h());
    const card = tokenize(h(), '4111111111111111');
    const good = { plan: 'paid', phone: '0912345678', physicalAddress: '1 Hai Bà Trưng, Hà Nội', paymentToken: card.token, last4: card.last4, brand: card.brand };
    for (const bad of [{ ...good, cardNumber: '4111111111111111' }, { ...good, phone: '4111 1111 1111 1111' }, { ...good, extra: { pan: 4111111111111111 } }, { ...good, physicalAddress: 'thẻ 4111-1111-1111-1111' }]) {
      const res = await upgrade(h(), m.headers, bad);
      expect([res.statusCode, res.json().code]).toEqual([422, 'card_data_refused']);
      expect(res.body).not.toMatch(/4111/);
    }
    const stored = await inPlatform(h().ctx.db, (tx) =>
      tx.query('SELECT (SELECT count(*)::int FROM payment_methods WHERE tenant_id = $1) AS pm, (SELECT count(*)::int FROM billing_profiles WHERE tenant_id = $1) AS bp, (SELECT plan FROM tenants WHERE id = $1) AS plan', [m.tenantId]));
    expect(stored).toEqual([{ pm: 0, bp: 0, plan: 'free' }]);
    expect(h().logs.lines.join('\n')).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
  });

  it('[C02] a token the processor never issued, or a last4 that does not match it, is refused', async () => {
    await registerPaymentProcessor(h());
    const m = await createMerchant(h());
    const card = tokenize(h(), '5555555555554444');
    const base = { plan: 'paid', phone: '0912345678', physicalAddress: '1 Hai Bà Trưng, Hà Nội', brand: 'mastercard' };
    const forged = await upgrade(h(), m.headers, { ...base, paymentToken: 'tok_notissuedbyanyone', last4: '4444' });
    expect(forged.json().code).toBe('payment_token_invalid');
    const wrong = await upgrade(h(), m.headers, { ...base, paymentToken: card.token, last4: '1234' });
    expect(wrong.json().code).toBe('payment_token_mismatch');
  });
});
