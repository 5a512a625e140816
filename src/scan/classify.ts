/**
 * What a finding means against the schema registry: is the column declared for the category
 * the detector found? Pure.
 * @clause C02 A card number is declared nowhere: every one found is a violation.
 * @clause C06 Personal data in a column not declared for it is reported.
 */
import type { PiiType } from '../detector/index.ts';
import { EXEMPT_COLUMNS, findColumn } from '../domain/registry.ts';
import { CATEGORIES, isWithin, type CategoryKey } from '../domain/taxonomy/index.ts';

/** The taxonomy category each detector type stands for (CARD stands for none: never allowed). */
export const TYPE_CATEGORY: Record<Exclude<PiiType, 'CARD' | 'SENSITIVE'>, CategoryKey> = {
  EMAIL: 'user.contact.email',
  PHONE: 'user.contact.phone',
  ADDRESS: 'user.contact.address',
  PERSON: 'user.name',
  NATIONAL_ID: 'user.government_id.national_id',
  IP_ADDRESS: 'user.device.ip_address',
  DATE_OF_BIRTH: 'user.demographic.date_of_birth',
  BANK_ACCOUNT: 'user.financial.bank_account',
};

const SPECIAL = CATEGORIES.filter((c) => c.sensitive).map((c) => c.key);

export type Status = 'declared' | 'exempt' | 'UNDECLARED';

/** Whether `table.column` may hold what the detector found of `type`. */
export function statusOf(table: string, column: string, type: PiiType): Status {
  if (type === 'CARD') return 'UNDECLARED';
  const decl = findColumn(table, column);
  if (decl) {
    const wanted: readonly CategoryKey[] = type === 'SENSITIVE' ? SPECIAL : [TYPE_CATEGORY[type]];
    return wanted.some((w) => decl.categories.some((d) => isWithin(w, d))) ? 'declared' : 'UNDECLARED';
  }
  // An exemption records why a column holds no subject's data (a policy text naming ECOMKEY's own address).
  return EXEMPT_COLUMNS.some((e) => e.table === table && e.column === column) ? 'exempt' : 'UNDECLARED';
}
