import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { recordAudit } from '../../audit/log.ts';
import { inTenant } from '../../db/scope.ts';
import { typedPathSubject } from '../../http/declare.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { tenantSubject } from '../consents/access.ts';
import { SubjectParams } from '../consents/schema.ts';
import { RequestCreate, RequestList, RequestOut } from './schema.ts';

type Row = { id: string; subject_type: string; subject_id: string; kind: RequestOut['kind']; received_via: RequestOut['receivedVia']; evidence_ref: string; received_at: Date };
const COLUMNS = 'id, subject_type, subject_id, kind, received_via, evidence_ref, received_at';
type RequestOut = import('zod').infer<typeof RequestOut>;

const present = (r: Row): RequestOut => ({
  id: r.id, subject: { type: r.subject_type, id: r.subject_id }, kind: r.kind, receivedVia: r.received_via, evidenceRef: r.evidence_ref,
  receivedAt: new Date(r.received_at).toISOString(),
});

const tags = ['requests'];
const ledger = { admit: 'ledger', locate: typedPathSubject, why: 'A request the subject made: recorded whatever they restricted' } as const;

/**
 * The requests subjects make to a merchant (a copy sent somewhere, access, erasure…), recorded
 * with the merchant's reference. A `subject_request` disclosure must cite one (C04); the
 * data-subject-rights workflow builds on this record.
 * @clause C04
 */
export const requestRoutes: RouteModule = (app, ctx) => {
  app.post('/api/subjects/:type/:id/requests', {
    config: { feature: 'requests.record', can: CAN.manageConsents, subject: ledger },
    schema: { params: SubjectParams, body: RequestCreate, response: { 201: RequestOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const s = tenantSubject(actor, req.params);
    const who = auditActor(actor);
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const [row] = await tx.query<Row>(
        `INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [actor.tenantId, s.type, s.id, req.body.kind, req.body.receivedVia, req.body.evidenceRef, who.type, who.id],
      );
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: who, action: 'request.received', target: { type: s.type, id: s.id },
        details: { requestId: row!.id, kind: req.body.kind, receivedVia: req.body.receivedVia },
      });
      return { status: 201, body: present(row!) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subjects/:type/:id/requests', {
    config: { feature: 'requests.record', can: CAN.manageConsents, subject: ledger },
    schema: { params: SubjectParams, response: { 200: RequestList }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const s = tenantSubject(actor, req.params);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) =>
      tx.query<Row>(`SELECT ${COLUMNS} FROM subject_requests WHERE subject_type = $1 AND subject_id = $2 ORDER BY received_at DESC`, [s.type, s.id]));
    return { items: rows.map(present) };
  });
};
