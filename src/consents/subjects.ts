import type { Sql } from '../db/index.ts';
import { badRequest, notFound } from '../errors.ts';
import { parseSubjectType } from '../domain/taxonomy/index.ts';
import { LEDGER_SUBJECT_TYPES, type LedgerSubjectType, type SubjectRef } from './types.ts';

const LEDGER: ReadonlySet<string> = new Set(LEDGER_SUBJECT_TYPES);
/** A tenant's own subjects: its Customers' consents to ECOMKEY are theirs to give in the privacy center, not the tenant's to record. */
export const TENANT_SUBJECT_TYPES: ReadonlySet<string> = new Set(['subscriber', 'buyer']);

/**
 * A ledger subject type from untrusted input: `unknown_subject_type` for a key the taxonomy does
 * not know, `subject_type_unsupported` for one that has no consent ledger (staff, visitor, minor).
 */
export function parseLedgerSubjectType(text: string, allowed: ReadonlySet<string> = LEDGER): LedgerSubjectType {
  const t = parseSubjectType(text);
  if (!allowed.has(t)) throw badRequest('subject_type_unsupported', 'This kind of data subject has no consent ledger', { key: t });
  return t as LedgerSubjectType;
}

/**
 * 404 unless the subject belongs to the transaction's tenant. A subject of another tenant gets
 * the same answer as one that does not exist, so ids reveal nothing across tenants.
 */
export async function assertSubjectInTenant(tx: Sql, subject: SubjectRef): Promise<void> {
  const [row] = await tx.query<{ ok: boolean }>('SELECT subject_in_tenant($1, $2::uuid) AS ok', [subject.type, subject.id]);
  if (!row?.ok) throw notFound('subject');
}
