import { createHmac, randomBytes } from 'node:crypto';

/**
 * Per-account sign-in backoff, beside the per-IP rate limit: a guesser spreading one account's
 * attempts over many addresses still meets a wall. Accounts are keyed by an HMAC of the
 * normalised address under a key that lives only in this process, so the table never holds an
 * address in clear. Unknown addresses count like known ones, so a 429 tells nobody who has an
 * account. In memory: a restart forgets, which costs a guesser nothing it could not get by waiting.
 */
export class SignInBackoff {
  private readonly key = randomBytes(32);
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60_000,
    private readonly capacity = 100_000,
  ) {}

  private id(realm: string, email: string): string {
    return createHmac('sha256', this.key).update(`${realm}\n${email.normalize('NFKC').trim().toLowerCase()}`).digest('base64url');
  }

  /** Seconds until this account may try again; 0 when it may try now. */
  retryAfter(realm: string, email: string, now = Date.now()): number {
    const id = this.id(realm, email);
    const f = this.failures.get(id);
    if (!f) return 0;
    if (now - f.since >= this.windowMs) {
      this.failures.delete(id);
      return 0;
    }
    return f.count >= this.maxFailures ? Math.ceil((f.since + this.windowMs - now) / 1000) : 0;
  }

  recordFailure(realm: string, email: string, now = Date.now()): void {
    const id = this.id(realm, email);
    const f = this.failures.get(id);
    if (f && now - f.since < this.windowMs) {
      f.count++;
      return;
    }
    // Maps iterate in insertion order: dropping the first key evicts the oldest window.
    if (this.failures.size >= this.capacity) this.failures.delete(this.failures.keys().next().value as string);
    this.failures.set(id, { count: 1, since: now });
  }

  recordSuccess(realm: string, email: string): void {
    this.failures.delete(this.id(realm, email));
  }

  /** The keys held (HMACs only), for tests that check no address is kept in clear. */
  heldKeys(): string[] {
    return [...this.failures.keys()];
  }
}
