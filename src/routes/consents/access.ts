import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import { canManageConsents } from '../../auth/permissions.ts';
import { parseLedgerSubjectType, TENANT_SUBJECT_TYPES } from '../../consents/subjects.ts';
import type { LedgerActor, SubjectRef } from '../../consents/types.ts';
import { forbidden } from '../../errors.ts';

/** The merchant acting, or 403: consents and restrictions are a tenant's business, not staff's. */
export function merchantOf(req: FastifyRequest): UserActor {
  const a = req.actor;
  if (a.kind !== 'user' || !canManageConsents(a)) throw forbidden('tenant_forbidden', 'Not allowed');
  return a;
}

/** The ledger's view of a merchant actor (a user or one of its API keys). */
export const ledgerActorOf = (a: UserActor): LedgerActor => auditActor(a) as LedgerActor;

/** The tenant's subject named by the path: only its Subscribers and Buyers. */
export const tenantSubject = (a: UserActor, p: { type: string; id: string }): SubjectRef => ({
  tenantId: a.tenantId, type: parseLedgerSubjectType(p.type, TENANT_SUBJECT_TYPES), id: p.id,
});
