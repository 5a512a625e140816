/**
 * Whose data a disclosure names: each subject must be one of the tenant's. `subject_in_tenant`
 * (migration 003) answers for Subscribers, Buyers and the tenant's Customers from inside the
 * tenant transaction, so another tenant's id looks like no id at all.
 */
import type { Sql } from '../db/index.ts';
import type { SubjectRef as BaseSubjectRef } from '../subjects/ref.ts';
import { badRequest, notFound } from '../errors.ts';

/** A subject as a request names it: the one subject reference, its type not yet checked. */
export type SubjectRef = Omit<BaseSubjectRef, 'type'> & { readonly type: string };

/** The subject types a disclosure can name (a minor's data is never disclosed, C38). */
export const DISCLOSABLE_SUBJECT_TYPES = ['subscriber', 'buyer', 'customer'] as const;
const DISCLOSABLE: ReadonlySet<string> = new Set(DISCLOSABLE_SUBJECT_TYPES);

/** Refuses a subject type the ledger cannot name. */
export function requireDisclosableTypes(subjects: readonly SubjectRef[]): void {
  for (const s of subjects) {
    if (!DISCLOSABLE.has(s.type)) {
      throw badRequest('subject_type_not_disclosable', 'Name Subscribers, Buyers or Customers of the tenant', /^[a-z_]{1,32}$/.test(s.type) ? { subjectType: s.type } : {});
    }
  }
}

/** Throws 404 unless every subject belongs to the transaction's tenant. */
export async function requireTenantSubjects(tx: Sql, subjects: readonly SubjectRef[]): Promise<void> {
  const found = await tx.query<{ ok: boolean }>(
    'SELECT bool_and(subject_in_tenant(t, i)) AS ok FROM unnest($1::text[], $2::uuid[]) AS s(t, i)',
    [subjects.map((s) => s.type), subjects.map((s) => s.id)],
  );
  if (found[0]?.ok !== true) throw notFound('subject');
}
