import { seal, unseal } from './seal.ts';

/**
 * One personal value sealed at rest under its subject's key: `v1.…` (AES-256-GCM). The column
 * and the row id are authenticated with it, so a value copied to another column or row does
 * not open.
 * @clause C07
 */
export const SUBJECT_SEALED_PREFIX = 'v1.';

const fieldContext = (column: string, rowId: string) => `field:${column}:${rowId}`;

/** Seals `value` for `column` (`table.column`) of row `rowId`; null stays null. */
export function sealField(key: Buffer, column: string, rowId: string, value: string): string;
export function sealField(key: Buffer, column: string, rowId: string, value: string | null | undefined): string | null;
export function sealField(key: Buffer, column: string, rowId: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : seal(key, Buffer.from(value, 'utf8'), fieldContext(column, rowId));
}

/**
 * Opens a value sealed by `sealField`. Null when the value is null or the subject's key is gone
 * (shredded). A value written before migration 006 sealed these columns is still clear and is
 * returned as it is until `pledge` reseals it.
 */
export function openField(key: Buffer | undefined, column: string, rowId: string, stored: string | null | undefined): string | null {
  if (stored === null || stored === undefined) return null;
  if (!stored.startsWith(SUBJECT_SEALED_PREFIX)) return stored;
  if (!key) return null;
  return unseal(key, stored, fieldContext(column, rowId)).toString('utf8');
}
