import type { Actor, StaffActor, UserActor } from './actor.ts';

/** Permission checks, one function each, so a reader finds every rule in this file. */
export const isUser = (a: Actor): a is UserActor => a.kind === 'user';
export const isStaff = (a: Actor): a is StaffActor => a.kind === 'staff';

export const canManageApiKeys = (a: Actor): boolean => isUser(a) && a.via === 'session' && (a.role === 'owner' || a.role === 'admin');
export const canReadSubjects = (a: Actor): boolean => isUser(a);
export const canWriteSubjects = (a: Actor): boolean => isUser(a);
export const canPublishPolicy = (a: Actor): boolean => isStaff(a) && a.role === 'privacy_officer';
/** Staff may look into a tenant's personal data only with a recorded reason (checked by the route). */
export const canStaffReadTenantData = (a: Actor): boolean => isStaff(a);
/** Registration data is changed by the person signed in (C32), not by a server holding an API key. */
export const canEditOwnProfile = (a: Actor): boolean => isUser(a) && a.via === 'session';
/** Providers and their agreements (C26): a merchant's owner or admin for its own, ECOMKEY's privacy officer for ECOMKEY's. */
export const canManageProcessors = (a: Actor): boolean =>
  isUser(a) ? a.role === 'owner' || a.role === 'admin' : isStaff(a) && a.role === 'privacy_officer';
/** Recording a disclosure (C03, C27): a merchant's owner or admin; on a tenant's data, ECOMKEY's privacy officer. */
export const canRecordDisclosure = (a: Actor): boolean => canManageProcessors(a);
/** The ledger is read by every member of the tenant, and by the privacy officer with a reason. */
export const canReadDisclosures = (a: Actor): boolean => isUser(a) || (isStaff(a) && a.role === 'privacy_officer');
/** A tenant's members record and read its subjects' consents and restrictions (C22, C34); staff do not act as the merchant. */
export const canManageConsents = (a: Actor): boolean => isUser(a);
/** Notices are the words a tenant asks consent with: its owner or admin publishes them. */
export const canPublishConsentNotice = (a: Actor): boolean => isUser(a) && (a.role === 'owner' || a.role === 'admin');

/** Channel accounts hold the shop's platform secrets: its owner or admin connects and rotates them. Staff never do (C29). */
export const canManageChannels = (a: Actor): boolean => isUser(a) && (a.role === 'owner' || a.role === 'admin');
/** Messages to a shop's Subscribers are the shop's own: its members send them, ECOMKEY's staff never (C29). */
export const canMessageSubscribers = (a: Actor): boolean => isUser(a);

/** Staff operate the job queue: they see failed jobs (names and codes, no data) and send them back. */
export const canOperateJobs = (a: Actor): boolean => isStaff(a);
/** The console is for a person signed in with a browser, not a server holding an API key. */
export const canUseConsole = (a: Actor): boolean => isUser(a) && a.via === 'session';

/** A named permission check and the refusal it answers with: the name is what the route enumeration shows. */
export type Permission = { readonly name: string; readonly check: (a: Actor) => boolean; readonly code: string; readonly title: string };
const permission = (name: string, check: (a: Actor) => boolean, code = 'tenant_forbidden', title = 'Not allowed'): Permission =>
  Object.freeze({ name, check, code, title });
const OFFICER = ['privacy_officer_only', 'Only the privacy officer may do this'] as const;

/** The checks as routes declare them (`config.can`). */
export const CAN = {
  anyone: permission('anyone', () => true),
  readSubjects: permission('canReadSubjects', canReadSubjects),
  writeSubjects: permission('canWriteSubjects', canWriteSubjects),
  manageConsents: permission('canManageConsents', canManageConsents),
  useConsole: permission('canUseConsole', canUseConsole, 'session_required', 'Use the console while signed in, not with an API key'),
  manageApiKeys: permission('canManageApiKeys', canManageApiKeys, 'role_forbidden', 'Only an owner or admin, signed in, may manage API keys'),
  publishPolicy: permission('canPublishPolicy', canPublishPolicy, ...OFFICER),
  staffReadTenantData: permission('canStaffReadTenantData', canStaffReadTenantData, 'staff_only', 'Only ECOMKEY staff may do this'),
  editOwnProfile: permission('canEditOwnProfile', canEditOwnProfile, 'session_required', 'Change your profile while signed in, not with an API key'),
  ownAccount: permission('isUser', isUser, 'tenant_forbidden', 'Only a merchant account has a profile'),
  manageProcessors: permission('canManageProcessors', canManageProcessors),
  recordDisclosure: permission('canRecordDisclosure', canRecordDisclosure, 'tenant_forbidden', 'Only an owner or admin records disclosures'),
  recordDisclosureStaff: permission('canRecordDisclosure', canRecordDisclosure, ...OFFICER),
  readDisclosures: permission('canReadDisclosures', canReadDisclosures),
  readDisclosuresStaff: permission('canReadDisclosures', canReadDisclosures, ...OFFICER),
  manageChannels: permission('canManageChannels', canManageChannels, 'role_forbidden', 'Only an owner or admin may connect channels'),
  messageSubscribers: permission('canMessageSubscribers', canMessageSubscribers, 'tenant_forbidden', 'Only the shop messages its Subscribers'),
  operateJobs: permission('canOperateJobs', canOperateJobs, 'staff_only', 'Only ECOMKEY staff may do this'),
  privacyOfficer: permission('isPrivacyOfficer', (a) => isStaff(a) && a.role === 'privacy_officer', ...OFFICER),
  // Each answers their own topic: security staff the "Security Policy Question", the privacy officer the rest (C25, C41).
  answerInquiries: permission('canAnswerInquiries', (a) => isStaff(a) && (a.role === 'security' || a.role === 'privacy_officer'), 'staff_only', 'Only security staff and the privacy officer answer inquiries'),
  liftOnLegalGround: permission('canLiftOnLegalGround', (a) => isStaff(a) && a.role === 'privacy_officer', ...OFFICER),
} as const;
