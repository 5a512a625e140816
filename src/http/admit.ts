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
import { ADMISSION, admissionFromRows, admissionParams } from '../consents/snapshot.ts';
import type { SubjectRef } from '../consents/types.ts';
import { inTenant, tenantRead } from '../db/scope.ts';
import { buildSnapshot, decide, type SubjectSnapshot } from '../domain/gate.ts';
import { denialError, type DenyCode } from '../domain/gate-errors.ts';
import type { FeatureName } from '../domain/features.ts';
import type { CategoryKey, PurposeKey } from '../domain/taxonomy/index.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { checkDeclaration, gateAsk, type Located, type RouteDecl } from './declare.ts';
import { toSignIn } from './guard.ts';
import { GateRefusal, runProcessing, type Processing } from './processing.ts';

/** A refusal leaves a trace in the tenant's chain: codes and ids only. Its own transaction: the request's rolled back. */
async function auditRefusal(ctx: AppContext, req: FastifyRequest, p: { feature: string; purpose: string; subject: SubjectRef }, d: GateRefusal['deny']): Promise<void> {
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

type Ask = { feature: FeatureName; purpose: PurposeKey; categories: readonly CategoryKey[]; gate: boolean; platform: boolean };

/** Decides on the subject's snapshot: sets the allow, or throws the refusal to be audited. */
function decideInto(p: Processing, ask: Ask, s: SubjectRef, snapshot: SubjectSnapshot): void {
  if (!ask.gate) return;
  const d = decide(snapshot, {
    feature: ask.feature, subject: { type: s.type, id: s.id, tenantId: s.tenantId }, purpose: ask.purpose, categories: ask.categories,
    actor: ask.platform ? 'platform' : 'tenant', at: Date.now(),
  });
  if (!d.allow) throw new GateRefusal(d, s);
  p.decision = d;
}

/** Permission, subject and gate for one request; the processing context its handler runs in. */
export async function admit(ctx: AppContext, req: FastifyRequest, d: RouteDecl & { signIn?: string }): Promise<Processing | null> {
  // A page sends someone its permission refuses to sign in as someone it admits.
  if (d.can && !d.can.check(req.actor)) throw d.signIn ? toSignIn(d.signIn, req.url) : forbidden(d.can.code, d.can.title);
  if (d.feature === undefined || d.subject === undefined) return null;
  const { purpose, categories } = gateAsk(d);
  const base: Processing = { feature: d.feature, purpose, admission: d.subject.admit, subject: null, decision: null, pending: null };
  if (d.subject.admit !== 'gate' && d.subject.admit !== 'ledger') return base;
  const found = await locate(ctx, req, d);
  if (!found) {
    if (d.subject.admit === 'gate' && d.subject.optional) return base;
    throw notFound('subject');
  }
  const s = found.subject;
  const ask: Ask = { feature: d.feature, purpose, categories, gate: d.subject.admit === 'gate', platform: req.actor.kind === 'staff' };
  if (found.records) {
    const p: Processing = { ...base, subject: s };
    decideInto(p, ask, s, buildSnapshot(found.records));
    return p;
  }
  // The snapshot is read with the handler's first statement, and decided before its rows are used.
  const p: Processing = {
    ...base, subject: s,
    pending: {
      statement: ADMISSION, params: admissionParams(s), tenantId: s.tenantId, done: false,
      settle(rows) {
        this.done = true;
        const a = admissionFromRows(s, rows);
        // Another tenant's subject and no subject look the same: ids reveal nothing across tenants.
        if (!a.present) throw notFound('subject');
        decideInto(p, ask, s, a.snapshot);
      },
      settlePresent(present) {
        if (ask.gate) throw new Error('a gate admission is decided on the subject\'s snapshot');
        this.done = true;
        if (!present) throw notFound('subject');
      },
    },
  };
  return p;
}

/** Runs the handler in its processing context, and settles an admission no statement carried. */
function run(ctx: AppContext, p: Processing, handler: () => unknown): Promise<unknown> {
  return runProcessing(p, async () => {
    const out = await handler();
    // A handler that read nothing still answers only once the gate has decided.
    if (p.pending && !p.pending.done) await tenantRead(ctx.db, p.pending.tenantId, 'SELECT 1');
    return out;
  });
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
      try {
        const p = await admit(ctx, req, config);
        return await (p ? run(ctx, p, () => handler.call(this as never, req, reply)) : handler.call(this as never, req, reply));
      } catch (err) {
        if (!(err instanceof GateRefusal)) throw err;
        // Audited once the request's transaction has rolled back (a subject being created never opened one).
        await auditRefusal(ctx, req, { feature: config.feature!, purpose: gateAsk(config).purpose, subject: err.subject }, err.deny);
        throw denialError(err.deny.code as DenyCode, { detail: err.deny.reason, clause: err.deny.clause });
      }
    } as typeof route.handler;
  };
}
