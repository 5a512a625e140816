/**
 * The consent ledger's service functions: the stable surface other features call (the
 * disclosure ledger, messaging, the console). Every write takes a `LedgerCtx` whose transaction
 * is already scoped to the subject's tenant (`inTenant`) and records its audit entry there.
 */
export { recordConsent, withdrawConsent, currentConsents, consentHistory, consentProof } from './ledger.ts';
export type { ConsentInput, WithdrawInput, ConsentProof } from './ledger.ts';
export { restrictProcessing, objectToProcessing, liftRestriction, listRestrictions } from './restrictions.ts';
export type { RestrictionInput, LiftInput } from './restrictions.ts';
export { loadSnapshot, SUBSCRIBER_BASIS_PURPOSES } from './snapshot.ts';
export { createNotice, listNotices, findNotice, hashWording } from './notices.ts';
export type { NoticeInput } from './notices.ts';
export { assertSubjectInTenant, parseLedgerSubjectType } from './subjects.ts';
export * from './types.ts';
