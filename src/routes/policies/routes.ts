import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { selfCustomer } from '../../http/declare.ts';
const ACCEPT = { feature: 'policies.accept', can: CAN.ownAccount, subject: { admit: 'ledger', locate: selfCustomer, why: 'The person accepts for themself' } } as const;
import { forbidden, notFound } from '../../errors.ts';
import { isUser } from '../../auth/permissions.ts';
import { acceptanceStatus, acceptPolicies } from '../../policies/acceptance.ts';
import { truncateIp } from '../../policies/ip.ts';
import { findPolicyVersion, findSiteNotice, listPolicyVersions, policyVersionNumbers, POLICY_KINDS } from '../../policies/versions.ts';
import {
  AcceptBody, AcceptOut, KindParams, LangQuery, PolicyOverview, PolicyStatusOut, PolicyVersionList, PolicyVersionOut, SiteNoticeOut, VersionParams,
} from './schema.ts';
import { presentAccepted, presentPolicyVersion, presentSiteNotice, presentVersionHeader, presentVersionItem } from './presenter.ts';

const tags = ['policies'];
// Policy texts are public and must be readable before sign-in and before acceptance.
const PUBLIC = { access: 'public' as const, noPersonalData: 'Published policy versions and texts' };
// The status and accept routes are how a user gets past the acceptance gate, so the gate skips them.
const BEFORE_ACCEPTANCE = { access: 'user' as const, requiresAcceptance: false };

/** @clause C06 @clause C40 */
export const policyRoutes: RouteModule = (app, ctx) => {
  app.get('/api/policies', { config: PUBLIC, schema: { response: { 200: PolicyOverview }, tags } }, async () => {
    const numbers = await policyVersionNumbers(ctx.db);
    const [privacy, terms] = await Promise.all(POLICY_KINDS.map(async (kind) => {
      const [current] = await listPolicyVersions(ctx.db, kind);
      if (!current) throw notFound('published policy');
      return { current: presentVersionHeader(current), required: numbers[kind].required };
    }));
    return { privacy: privacy!, terms: terms! };
  });

  app.get('/api/policies/:kind/versions', { config: PUBLIC, schema: { params: KindParams, response: { 200: PolicyVersionList }, tags } }, async (req) => {
    const rows = await listPolicyVersions(ctx.db, req.params.kind);
    return { kind: req.params.kind, items: rows.map(presentVersionItem) };
  });

  app.get(
    '/api/policies/:kind/versions/:version',
    { config: PUBLIC, schema: { params: VersionParams, querystring: LangQuery, response: { 200: PolicyVersionOut }, tags } },
    async (req) => {
      const found = await findPolicyVersion(ctx.db, req.params.kind, req.params.version);
      if (!found) throw notFound('policy version');
      return presentPolicyVersion(found.row, found.previous, req.query.lang);
    },
  );

  app.get(
    '/api/policies/:kind/current',
    { config: PUBLIC, schema: { params: KindParams, querystring: LangQuery, response: { 200: PolicyVersionOut }, tags } },
    async (req) => {
      const found = await findPolicyVersion(ctx.db, req.params.kind, 'current');
      if (!found) throw notFound('published policy');
      return presentPolicyVersion(found.row, found.previous, req.query.lang);
    },
  );

  app.get('/api/policies/status', { config: { ...BEFORE_ACCEPTANCE, ...ACCEPT }, schema: { response: { 200: PolicyStatusOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Only customer accounts accept the policies');
    const s = await acceptanceStatus(ctx.db, actor.userId);
    return {
      acceptanceRequired: s.acceptanceRequired,
      accepted: presentAccepted(s.accepted),
      current: { privacy: s.versions.privacy.current, terms: s.versions.terms.current },
    };
  });

  app.post('/api/policies/accept', { config: { ...BEFORE_ACCEPTANCE, ...ACCEPT }, schema: { body: AcceptBody, response: { 201: AcceptOut }, tags } }, async (req, reply) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Only customer accounts accept the policies');
    const r = await acceptPolicies(ctx, actor, req.body, truncateIp(req.ip));
    // A repeated click answers like the first one: the record exists, which is what the client wants to know.
    return reply.code(201).send({ acceptedAt: new Date(r.acceptedAt).toISOString(), method: r.method });
  });

  app.get('/api/site-notice', { config: PUBLIC, schema: { response: { 200: SiteNoticeOut }, tags } }, async () =>
    presentSiteNotice(await findSiteNotice(ctx.db)),
  );
};
