/**
 * The payment processor adapter. Card data goes from the buyer's browser straight to the
 * processor, which answers with a token; Pledge only ever holds that token, the last four
 * digits and the brand. No method here takes a card number.
 * @clause C02 Only the processor's token/reference is kept.
 * @clause C08 Card processing is done by the processor.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'napas' | 'jcb' | 'unionpay' | 'discover' | 'diners' | 'maestro' | 'mir' | 'rupay';

export type TokenInfo = { last4: string; brand: CardBrand };

export interface PaymentProcessor {
  /** The processor's stable name, as registered among ECOMKEY's processors (C26). */
  readonly name: string;
  /** What the processor knows about a token it issued, or null for a token it never issued. */
  describeToken(token: string): Promise<TokenInfo | null>;
  /** A customer record at the processor for the tenant; returns the processor's reference. */
  createCustomer(input: { tenantId: string; email: string; name: string }): Promise<{ customerRef: string }>;
  /** Attaches the token to the customer and charges the plan's first period. */
  chargeToken(input: { customerRef: string; token: string; amountVnd: number; idempotencyKey: string }): Promise<{ chargeRef: string; status: 'succeeded' | 'declined' }>;
}

export class ProcessorDeclined extends Error {}
