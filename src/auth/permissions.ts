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
