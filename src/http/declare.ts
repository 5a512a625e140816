/**
 * What a route declares about the personal data it processes, in its own definition: its
 * feature (from the feature registry), the permission check, and how its subject is found.
 * The pipeline (`admit.ts`) reads these and does the rest: resolves the subject, asks the
 * gate, and runs the handler only on allow. A route that declares neither a feature nor why it
 * touches no personal data is refused when it is registered (see `checkDeclaration`).
 * @clause C06 Each feature declares the purposes and data categories it processes.
 */
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../auth/permissions.ts';
import { parseLedgerSubjectType, TENANT_SUBJECT_TYPES } from '../consents/subjects.ts';
import type { LedgerSubjectType, SubjectRef } from '../consents/types.ts';
import type { Sql } from '../db/index.ts';
import type { SubjectRecords } from '../domain/gate.ts';
import { findFeature, type FeatureName } from '../domain/features.ts';
import { findCategory, type CategoryKey, type PurposeKey } from '../domain/taxonomy/index.ts';


/** Where the subject of a request is, resolved in the subject's tenant. */
export type Located = { subject: SubjectRef; /** Records of a subject being created: nothing to load yet. */ records?: SubjectRecords };
export type Locator = {
  readonly describe: string;
  /** The tenant whose subject it is (the actor's, a staff route's path, a privacy-center session). */
  tenant(req: FastifyRequest): Promise<string | null> | string | null;
  /** The subject, or null when the request names none (a 404 for `gate` and `ledger`). */
  find(req: FastifyRequest, tenantId: string, tx: Sql): Promise<Located | null> | Located | null;
  /** True when `find` reads nothing from the database. */
  readonly pure?: boolean;
};

/**
 * How the subject of a request is admitted:
 * - `gate`: one subject, located by `locate`; the gate decides before the handler runs.
 * - `ledger`: the subject's own choices and rights (consents, restrictions, held data they
 *   answer): never refused for a restriction — refusing would defeat C22 and C34 — but the
 *   subject must exist in the tenant.
 * - `many`: a list or batch; the transaction carries the purpose and the database hides
 *   restricted subjects' content (migration 008).
 * - `per_subject`: the command asks the gate for each subject it names (disclosures).
 * - `anonymous`: before anyone is known (sign-up, sign-in): the person acts for themself.
 */
export type SubjectDecl =
  | { readonly admit: 'gate'; readonly locate: Locator; /** No subject named (a message from an unknown sender) is fine. */ readonly optional?: boolean }
  | { readonly admit: 'ledger'; readonly locate: Locator; readonly why: string }
  | { readonly admit: 'many' | 'per_subject' | 'anonymous'; readonly why: string };

export type RouteDecl = {
  feature?: FeatureName;
  /** Why the route reads and writes no personal data (instead of a feature). */
  noPersonalData?: string;
  can?: Permission;
  subject?: SubjectDecl;
  /** The purpose asked for; the feature's first purpose when omitted. */
  purpose?: PurposeKey;
  /** The categories processed in clear; the feature's non-sensitive categories when omitted. */
  categories?: readonly CategoryKey[];
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyContextConfig extends RouteDecl {}
}

/** The problems of a route's declaration; empty when it is complete. */
export function checkDeclaration(route: string, d: RouteDecl, access: string): string[] {
  const out: string[] = [];
  if (d.feature === undefined && !d.noPersonalData) return [`${route}: declares neither a feature nor why it touches no personal data`];
  if (d.feature !== undefined && d.noPersonalData) out.push(`${route}: declares a feature and no personal data at once`);
  if (d.feature === undefined) return out;
  const f = findFeature(d.feature);
  if (!f) return [`${route}: unknown feature ${d.feature}`];
  if (f.feature.kind !== 'route') out.push(`${route}: ${d.feature} is a job feature`);
  const touches = f.feature.categories.length > 0;
  if (touches && !d.can) out.push(`${route}: touches personal data without a permission check`);
  if (touches && !d.subject) out.push(`${route}: touches personal data without saying how its subject is admitted`);
  if (d.subject?.admit === 'anonymous' && access !== 'public') out.push(`${route}: only a public route acts before anyone is known`);
  if (d.purpose && !f.purposes.has(d.purpose)) out.push(`${route}: purpose ${d.purpose} not declared by ${d.feature}`);
  for (const c of d.categories ?? []) if (!f.covers.has(c)) out.push(`${route}: category ${c} not declared by ${d.feature}`);
  return out;
}

/** The purpose and categories a route asks the gate for. */
export function gateAsk(d: RouteDecl): { purpose: PurposeKey; categories: readonly CategoryKey[] } {
  const f = findFeature(d.feature!)!.feature;
  const categories = d.categories ?? f.categories.filter((c) => !findCategory(c)?.mayBeSensitive);
  return { purpose: d.purpose ?? f.purposes[0]!, categories };
}

// ---- Locators -------------------------------------------------------------------------------

const actorTenant = (req: FastifyRequest): string | null => (req.actor.kind === 'user' ? req.actor.tenantId : null);
const param = (req: FastifyRequest, name: string): string | undefined => (req.params as Record<string, string | undefined>)[name];
const field = (req: FastifyRequest, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

/** The tenant's subject of a fixed type whose id is a path parameter. */
export const pathSubject = (type: LedgerSubjectType, name = 'id'): Locator => ({
  describe: `${type} :${name}`, pure: true, tenant: actorTenant,
  find: (req, tenantId) => ({ subject: { tenantId, type, id: param(req, name)! } }),
});

/** `/subjects/:type/:id`: a tenant's Subscriber or Buyer. */
export const typedPathSubject: Locator = {
  describe: ':type :id', pure: true, tenant: actorTenant,
  find: (req, tenantId) => ({ subject: { tenantId, type: parseLedgerSubjectType(param(req, 'type')!, TENANT_SUBJECT_TYPES), id: param(req, 'id')! } }),
};

/** A subject named by a body field; none when the field is absent (e.g. a message from an unknown sender). */
export const bodySubject = (type: LedgerSubjectType, name: string): Locator => ({
  describe: `${type} body.${name}`, pure: true, tenant: actorTenant,
  find: (req, tenantId) => {
    const id = field(req, name);
    return typeof id === 'string' ? { subject: { tenantId, type, id } } : null;
  },
});

/** The signed-in Customer, a subject of their own tenant. */
export const selfCustomer: Locator = {
  describe: 'the signed-in Customer', pure: true, tenant: actorTenant,
  find: (req, tenantId) => (req.actor.kind === 'user' ? { subject: { tenantId, type: 'customer', id: req.actor.userId } } : null),
};

/** A subject found through a row the path names (a restriction, a held value): `sql` returns subject_type and subject_id. */
export const rowSubject = (describe: string, sql: string, name = 'id', tenant: Locator['tenant'] = actorTenant): Locator => ({
  describe, tenant,
  async find(req, tenantId, tx) {
    const [r] = await tx.query<{ subject_type: LedgerSubjectType; subject_id: string }>(sql, [param(req, name)]);
    return r ? { subject: { tenantId, type: r.subject_type, id: r.subject_id } } : null;
  },
});
