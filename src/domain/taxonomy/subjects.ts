/**
 * Data subjects: whose data it is, and who decides about it. ECOMKEY is the controller of its
 * own Customers', Visitors' and Staff's data; for Subscribers and Buyers the Customer is the
 * controller and ECOMKEY only its processor (C10).
 */

type SubjectDef = { description: string; controller: 'ecomkey' | 'customer'; clauses: readonly string[] };

const DEFS = {
  customer: { description: 'A merchant with an ECOMKEY account', controller: 'ecomkey', clauses: ['C07', 'C17', 'C21'] },
  subscriber: { description: 'A contact a Customer collected through a bot, messaging or social channel', controller: 'customer', clauses: ['C10', 'C11'] },
  buyer: { description: 'A person who bought from a Customer', controller: 'customer', clauses: ['C19'] },
  visitor: { description: 'Anyone on the website (Log Data, cookies)', controller: 'ecomkey', clauses: ['C12', 'C13', 'C37'] },
  staff: { description: 'An ECOMKEY employee', controller: 'ecomkey', clauses: [] },
  minor: { description: 'A person under 18 who tried to sign up', controller: 'ecomkey', clauses: ['C38'] },
} as const satisfies Record<string, SubjectDef>;

export type SubjectType = keyof typeof DEFS;

export type Subject = { readonly key: SubjectType } & SubjectDef;

export const SUBJECT_TYPES = Object.keys(DEFS) as SubjectType[];

export const SUBJECTS: readonly Subject[] = SUBJECT_TYPES.map((key) => Object.freeze({ key, ...(DEFS[key] as SubjectDef) }));
