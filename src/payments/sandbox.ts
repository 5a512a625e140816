import { createHash, randomBytes } from 'node:crypto';
import { cardScheme, luhnValid } from '../detector/card.ts';
import type { CardBrand, PaymentProcessor, TokenInfo } from './processor.ts';

export type SandboxCard = { number: string; expMonth: number; expYear: number; cvc: string };

/**
 * An in-process stand-in for a tokenising processor (Stripe, OnePay, VNPay): `tokenize` is
 * the processor's own endpoint the browser posts the card to; the card stays inside this
 * object and only `tok_…`, last four and brand come out. Cards ending in 0002 are declined.
 */
export class SandboxProcessor implements PaymentProcessor {
  readonly name = 'sandbox-payments';
  private readonly tokens = new Map<string, TokenInfo & { declined: boolean }>();
  private readonly charges = new Map<string, string>();

  /** The processor's endpoint: never called by the Pledge server, only by the browser (and tests). */
  tokenize(card: SandboxCard): { token: string; last4: string; brand: CardBrand } {
    const digits = card.number.replace(/[\s-]/g, '');
    const brand = cardScheme(digits) as CardBrand | null;
    if (!/^\d{12,19}$/.test(digits) || !brand || !luhnValid(digits)) throw new Error('card_invalid');
    const token = `tok_${randomBytes(12).toString('hex')}`;
    const last4 = digits.slice(-4);
    this.tokens.set(token, { last4, brand, declined: last4 === '0002' });
    return { token, last4, brand };
  }

  async describeToken(token: string): Promise<TokenInfo | null> {
    const t = this.tokens.get(token);
    return t ? { last4: t.last4, brand: t.brand } : null;
  }

  async createCustomer(input: { tenantId: string }): Promise<{ customerRef: string }> {
    return { customerRef: `cus_${createHash('sha256').update(input.tenantId).digest('hex').slice(0, 16)}` };
  }

  async chargeToken(input: { customerRef: string; token: string; amountVnd: number; idempotencyKey: string }): Promise<{ chargeRef: string; status: 'succeeded' | 'declined' }> {
    const prior = this.charges.get(input.idempotencyKey);
    if (prior) return { chargeRef: prior, status: 'succeeded' };
    const t = this.tokens.get(input.token);
    if (!t || t.declined) return { chargeRef: '', status: 'declined' };
    const chargeRef = `ch_${randomBytes(8).toString('hex')}`;
    this.charges.set(input.idempotencyKey, chargeRef);
    return { chargeRef, status: 'succeeded' };
  }
}
