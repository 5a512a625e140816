import type { UserActor } from '../auth/actor.ts';

/** Changing the plan and its payment method: an owner or admin in a signed-in session. */
export const canManageBilling = (a: UserActor): boolean => a.via === 'session' && (a.role === 'owner' || a.role === 'admin');
