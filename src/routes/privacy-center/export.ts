import { z } from 'zod';
import { CAN } from '../../auth/permissions.ts';
import { recordAudit } from '../../audit/log.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inPlatform } from '../../db/scope.ts';
import { collectSubjectData } from '../../dsr/access.ts';
import type { RouteModule } from '../../http/routes.ts';
import { requireCenterPrincipal } from '../../privacy-center/auth.ts';
import { centerSubject } from './locator.ts';

const Field = z.object({ column: z.string(), value: z.unknown(), categories: z.array(z.string()), source: z.string().nullable() });
export const SubjectExportOut = z.object({
  subject: z.object({ type: z.string(), id: z.uuid() }),
  generatedAt: z.string(),
  tables: z.array(z.object({ table: z.string(), records: z.array(z.object({ collectedAt: z.string().nullable(), fields: z.array(Field) })) })),
});

/**
 * "Download my data" (C31, C34's portable half): everything stored about the signed-in person,
 * computed from the live rows through the subject map, in one JSON document. A restricted or
 * objecting person can always read their own data, so the ledger admits it. Each download is
 * audited with counts only.
 * @clause C31 @clause C34
 */
export const privacyCenterExportRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  const config = {
    access: 'public', requiresAcceptance: false, feature: 'privacy_center.export', can: CAN.anyone,
    subject: { admit: 'ledger', locate: centerSubject(ctx), why: 'The person reads their own data' },
  } as const;

  app.get('/api/privacy-center/me/export', { config, schema: { response: { 200: SubjectExportOut }, tags: ['privacy-center'] } }, async (req, reply) => {
    const p = await requireCenterPrincipal(ctx, req, false);
    // A Customer is ECOMKEY's own subject: their rows are found across tenants, not inside one shop.
    const subject = p.subject.type === 'customer' ? { type: p.subject.type, id: p.subject.id, tenantId: null } : p.subject;
    // Read with platform rights: the outbox and the account tables have no tenant scope; every
    // tenant table is narrowed to the person's own shop by the locator (src/dsr/locate.ts).
    const out = await inPlatform(ctx.db, async (tx) => {
      const x = await collectSubjectData({ tx, ring, keys: ctx.keys }, subject);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: p.subject.tenantId ?? null, actor: p.actor, action: 'dsr.exported', target: { type: p.subject.type, id: p.subject.id },
        details: { tables: x.tables.length, records: x.tables.reduce((n, t) => n + t.records.length, 0) },
      });
      return x;
    });
    void reply.header('content-disposition', `attachment; filename="my-data-${out.generatedAt.slice(0, 10)}.json"`);
    return out;
  });
};
