import { SignInBackoff } from './backoff.ts';

/**
 * A small time-bounded cache for the hot path (who is this request, has this user accepted the
 * current policies). Entries live `ttlMs` at most, so a change made on another server is seen
 * within that time; changes made on this server invalidate at once.
 */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    // Maps iterate in insertion order: dropping the first key evicts the oldest entry.
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/** Caches of the request pipeline; AUTH_CACHE_MS bounds how stale another server's change can be. */
export const AUTH_CACHE_MS = 5_000;

export type AuthCaches = {
  /** credential hash → actor fields */
  actors: TtlCache<import('./actor.ts').Actor>;
  /** user id → true once the user has accepted the current versions */
  accepted: TtlCache<true>;
  /** failed sign-ins per account (HMAC of the address), for the per-account backoff */
  signIn: import('./backoff.ts').SignInBackoff;
  /** API key id → true while its last_used_at was written less than KEY_USE_WRITE_MS ago */
  keyUse: TtlCache<true>;
};

/** last_used_at is written at most this often per key, so the hot path rarely pays a write. */
export const KEY_USE_WRITE_MS = 60_000;

export const createAuthCaches = (): AuthCaches => ({
  actors: new TtlCache(AUTH_CACHE_MS), accepted: new TtlCache(AUTH_CACHE_MS), signIn: new SignInBackoff(), keyUse: new TtlCache(KEY_USE_WRITE_MS),
});
