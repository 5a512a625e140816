/**
 * What an audit entry may hold: codes, ids, counts, flags, timestamps and sealed values —
 * never free text, which might name or describe a person. `recordAudit` refuses anything
 * else, so no code path can write a person's words into the log; a reason a staff member
 * gives is sealed before it is stored.
 * @clause C16 @clause C29
 */
import { createHmac } from 'node:crypto';
import { seal, unseal } from '../crypto/seal.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A code or key: `sensitive.held`, `user.health`, `channel:zalo`, `subscriber_notes`.
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/;
// A long digit run is a phone number, a card or an id of a person's: never a code.
const DIGITS = /^\+?\d[\d .-]{6,}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const SEALED = /^(v1\.|enc:v1:)[A-Za-z0-9_:.+/=-]+$/;
// A content hash or key fingerprint.
const HEX = /^(sha256:)?[0-9a-f]{16,128}$/;

const safeString = (s: string): boolean =>
  s === '' || UUID.test(s) || ISO_TIME.test(s) || SEALED.test(s) || HEX.test(s) || (CODE.test(s) && !DIGITS.test(s));

/** The paths of `value` holding something other than codes, ids, numbers, flags or sealed values. */
export function unsafeAuditValues(value: unknown, path = 'details'): string[] {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return [];
  if (typeof value === 'string') return safeString(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeAuditValues(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (CODE.test(k) ? unsafeAuditValues(v, `${path}.${k}`) : [`${path} key`]));
  return [path];
}

export class AuditValueError extends Error {
  constructor(readonly action: string, readonly paths: string[]) {
    super(`audit entry ${action} holds free text at ${paths.join(', ')}`);
  }
}

/** Throws unless the entry's details are all codes, ids, numbers, flags or sealed values. */
export function assertAuditSafe(action: string, details: unknown): void {
  const bad = unsafeAuditValues(details);
  if (bad.length > 0) throw new AuditValueError(action, bad);
}

/** A reason in words (a staff member's access reason), sealed under a key derived from the audit key. */
export function sealReason(auditKey: Buffer, reason: string, chain: string): string {
  return seal(reasonKey(auditKey), Buffer.from(reason), `audit_log.reason:${chain}`);
}

const reasonKey = (auditKey: Buffer): Buffer => createHmac('sha256', auditKey).update('pledge audit reason v1').digest();

/** The words of a sealed reason, for the privacy officer's review of the log. */
export function openReason(auditKey: Buffer, sealed: string, chain: string): string {
  return unseal(reasonKey(auditKey), sealed, `audit_log.reason:${chain}`).toString('utf8');
}
