import { createHmac } from 'node:crypto';

/**
 * Keyed blind indexes for sealed columns the system must look up by value (sign-in by e-mail,
 * a Subscriber by phone or platform id, duplicate checks). The index is an HMAC of the
 * normalised value under a key derived from the app secret, scoped to a column (and a tenant
 * where the lookup is per tenant), so equal values match without the database holding them,
 * and the same address in two tenants or two tables yields unrelated indexes.
 * @clause C07 Lookup columns are sealed; only a keyed index of them is stored.
 */
export type IndexKind = 'email' | 'phone' | 'external_id';

/** E-mail addresses compare case-insensitively and without surrounding space. */
export const normaliseEmail = (v: string): string => v.normalize('NFKC').trim().toLowerCase();

/**
 * A phone number as digits: spaces, dots, dashes and brackets go; a Vietnamese number written
 * internationally (+84 912…, 0084 912…) matches its national form (0912…).
 */
export function normalisePhone(v: string): string {
  const digits = v.normalize('NFKC').replace(/[^0-9+]/g, '');
  const intl = digits.startsWith('+') ? digits.slice(1) : digits.startsWith('00') ? digits.slice(2) : null;
  if (intl === null) return digits.replace(/\+/g, '');
  return intl.startsWith('84') ? `0${intl.slice(2)}` : `+${intl}`;
}

/** A platform's user id is compared exactly (ids are case-sensitive on some platforms). */
export const normaliseExternalId = (v: string): string => v.normalize('NFKC').trim();

const NORMALISE: Record<IndexKind, (v: string) => string> = { email: normaliseEmail, phone: normalisePhone, external_id: normaliseExternalId };

/**
 * The blind index of `value` for the lookup column `scope` (`users.email`, or
 * `subscribers.phone` with the tenant id): base64url HMAC-SHA256. Null in, null out.
 */
export function blindIndex(key: Buffer, scope: string, kind: IndexKind, value: string | null | undefined, tenantId?: string): string | null {
  if (value === null || value === undefined) return null;
  return createHmac('sha256', key).update(`${scope}\u0000${tenantId ?? ''}\u0000${NORMALISE[kind](value)}`).digest('base64url');
}
