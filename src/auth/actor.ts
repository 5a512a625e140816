/** Who is making a request. Tenant roles and the staff realm never mix in one actor. */
export type TenantRole = 'owner' | 'admin' | 'agent';
export type StaffRole = 'privacy_officer' | 'support' | 'security';

export type UserActor = {
  kind: 'user';
  userId: string;
  tenantId: string;
  role: TenantRole;
  via: 'session' | 'api_key';
  apiKeyId?: string;
  /** Present for sessions: binds the CSRF token. */
  sessionHash?: string;
};
export type StaffActor = { kind: 'staff'; staffId: string; role: StaffRole; sessionHash: string };
export type AnonymousActor = { kind: 'anonymous' };
export type Actor = UserActor | StaffActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

/** The audit log's view of an actor. */
export function auditActor(a: Actor): { type: 'user' | 'staff' | 'api_key' | 'anonymous'; id: string | null } {
  if (a.kind === 'user') return a.via === 'api_key' ? { type: 'api_key', id: a.apiKeyId ?? null } : { type: 'user', id: a.userId };
  if (a.kind === 'staff') return { type: 'staff', id: a.staffId };
  return { type: 'anonymous', id: null };
}
