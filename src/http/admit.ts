/**
 * The pipeline's processing step, after authentication and validation: the route's permission
 * check, its subject, the gate. The handler runs only on allow, inside a processing context
 * that every tenant transaction it opens passes to the database (purpose wall, migration 008).
 * Refusals leave as problem+json with the gate's code and clause, and are audited.
 * @clause C34 A restriction or objection stops every declared processing path.
 * @clause C06 @clause C18 The route's feature and purpose are what the gate is asked about.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { auditActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { SNAPSHOT_SQL, snapshotFromRow, type SnapshotRow } from '../consents/snapshot.ts';
import type { SubjectRef } from '../consents/types.ts';
import { inTenant, tenantRead } from '../db/scope.ts';
import { buildSnapshot, decide, requireAllowed, type Decision, type SubjectSnapshot } from '../domain/gate.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { checkDeclaration, gateAsk, type Located, type RouteDecl } from './declare.ts';
import { runProcessing, type Processing } from './processing.ts';

const SNAPSHOT_AND_PRESENCE = `SELECT s.*, subject_in_tenant($2, $3::uuid) AS present FROM (${SNAPSHOT_SQL}) s`;

/** The subject's snapshot and whether they belong to the tenant, in one round trip. */
async function loadAdmission(ctx: AppContext, s: SubjectRef): Promise<{ present: boolean; snapshot: SubjectSnapshot }> {
  const [row] = await tenantRead<SnapshotRow & { present: boolean }>(ctx.db, s.tenantId, SNAPSHOT_AND_PRESENCE, [s.tenantId, s.type, s.id]);
  return { present: row?.present === true, snapshot: snapshotFromRow(s, row) };
}

/** A refusal leaves a trace in the tenant's chain: codes and ids only. Its own transaction: the request's never opened. */
async function auditRefusal(ctx: AppContext, req: FastifyRequest, p: { feature: string; purpose: string; subject: SubjectRef }, d: Extract<Decision, { allow: false }>): Promise<void> {
  try {
    await inTenant(ctx.db, p.subject.tenantId, (tx) => recordAudit(tx, ctx.keys.audit, {
      tenantId: p.subject.tenantId, actor: auditActor(req.actor), action: 'gate.refused',
      target: { type: p.subject.type, id: p.subject.id }, details: { feature: p.feature, purpose: p.purpose, code: d.code, clause: d.clause },
    }));
  } catch (err) {
    ctx.log.error({ code: (err as { code?: string }).code, action: 'gate.refused' }, 'audit of a refusal failed');
  }
}

async function locate(ctx: AppContext, req: FastifyRequest, d: RouteDecl): Promise<Located | null> {
  if (d.subject?.admit !== 'gate' && d.subject?.admit !== 'ledger') return null;
  const loc = d.subject.locate;
  const tenantId = await loc.tenant(req);
  if (tenantId === null) throw req.actor.kind === 'anonymous' ? unauthorized() : forbidden('tenant_forbidden', 'Not allowed');
  return loc.pure ? loc.find(req, tenantId, ctx.db) : inTenant(ctx.db, tenantId, (tx) => Promise.resolve(loc.find(req, tenantId, tx)));
}

/** Permission, subject and gate for one request; the processing context its handler runs in. */
export async function admit(ctx: AppContext, req: FastifyRequest, d: RouteDecl): Promise<Processing | null> {
  if (d.can && !d.can.check(req.actor)) {
    throw forbidden(d.can.code, d.can.title);
  }
  if (d.feature === undefined || d.subject === undefined) return null;
  const { purpose, categories } = gateAsk(d);
  const base = { feature: d.feature, purpose, admission: d.subject.admit, subject: null, decision: null };
  if (d.subject.admit !== 'gate' && d.subject.admit !== 'ledger') return base;
  const found = await locate(ctx, req, d);
  if (!found) {
    if (d.subject.admit === 'gate' && d.subject.optional) return base;
    throw notFound('subject');
  }
  const s = found.subject;
  let snapshot: SubjectSnapshot;
  if (found.records) snapshot = buildSnapshot(found.records);
  else {
    const a = await loadAdmission(ctx, s);
    // Another tenant's subject and no subject look the same: ids reveal nothing across tenants.
    if (!a.present) throw notFound('subject');
    snapshot = a.snapshot;
  }
  if (d.subject.admit === 'ledger') return { ...base, subject: s };
  const decision = decide(snapshot, {
    feature: d.feature, subject: { type: s.type, id: s.id, tenantId: s.tenantId }, purpose, categories,
    actor: req.actor.kind === 'staff' ? 'platform' : 'tenant', at: Date.now(),
  });
  if (!decision.allow) {
    await auditRefusal(ctx, req, { feature: d.feature, purpose, subject: s }, decision);
    requireAllowed(decision);
  }
  return { ...base, subject: s, decision: decision as Extract<Decision, { allow: true }> };
}

/**
 * Installed with `onRoute` before any route registers: refuses a route whose declaration is
 * incomplete (the server does not start), and wraps every handler in `admit`.
 */
export function declarationsHook(ctx: AppContext, problems?: string[]) {
  return (route: RouteOptions): void => {
    const config = (route.config ?? {}) as RouteDecl & { access?: string; url?: string };
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (methods.length === 0) return;
    const name = `${methods.join(',')} ${route.url}`;
    const access = config.access ?? (route.url.startsWith('/api/') ? 'user' : 'public');
    const found = checkDeclaration(name, config, access);
    if (found.length > 0) {
      if (problems) problems.push(...found);
      else throw new Error(`undeclared route: ${found.join('; ')}`);
    }
    const handler = route.handler;
    route.handler = async function admitted(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      const p = await admit(ctx, req, config);
      return p ? runProcessing(p, () => handler.call(this as never, req, reply)) : handler.call(this as never, req, reply);
    } as typeof route.handler;
  };
}
