import type { RouteModule } from '../../http/routes.ts';
import { z } from 'zod';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { conflict } from '../../errors.ts';
import { HELD_COLUMNS, resolveHeld, type HeldAction, type HeldRow } from '../../guard/hold.ts';
import { centerSubject } from './locator.ts';
import { requireCenterPrincipal } from '../../privacy-center/auth.ts';
import { presentHeld } from '../free-text/presenter.ts';
import { HeldList, HeldOut } from '../free-text/schema.ts';

const HeldAnswerParams = z.strictObject({ id: z.uuid(), action: z.enum(['restrict', 'object', 'delete']) });
const OPEN = { access: 'public', requiresAcceptance: false } as const;
const tags = ['privacy-center'];

/**
 * Sensitive data a shop received from the person and holds sealed until they answer (C14).
 * ECOMKEY never mails a shop's Subscriber to ask (C29): the shop asks in its own chat, and the
 * person sees every hold here and answers it — restrict, object or delete; giving the explicit
 * consent that releases it is a consent like any other, on the consents page.
 * @clause C14 @clause C29
 */
export const privacyCenterHeldRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  const own = centerSubject(ctx);
  const config = { ...OPEN, feature: 'sensitive.holds', can: CAN.anyone, subject: { admit: 'ledger', locate: own, why: 'The person answers what is held of theirs' } } as const;

  app.get('/api/privacy-center/me/held-sensitive', { config, schema: { response: { 200: HeldList }, tags } }, async (req) => {
    const p = await requireCenterPrincipal(ctx, req, false);
    const rows = await inTenant(ctx.db, p.subject.tenantId, (tx) =>
      tx.query<HeldRow>(`SELECT ${HELD_COLUMNS} FROM held_sensitive_data WHERE subject_type = $1 AND subject_id = $2 ORDER BY created_at DESC LIMIT 200`, [p.subject.type, p.subject.id]));
    return { items: rows.map(presentHeld) };
  });

  app.post('/api/privacy-center/me/held-sensitive/:id/:action', { config, schema: { params: HeldAnswerParams, response: { 200: HeldOut }, tags } }, async (req) => {
    const p = await requireCenterPrincipal(ctx, req, true);
    const row = await inTenant(ctx.db, p.subject.tenantId, async (tx) => {
      // Only the person's own holds: another subject's id looks like none.
      const [mine] = await tx.query<{ id: string }>('SELECT id FROM held_sensitive_data WHERE id = $1 AND subject_type = $2 AND subject_id = $3', [req.params.id, p.subject.type, p.subject.id]);
      if (!mine) throw conflict('held_data_not_yours', 'No such held data of yours');
      return resolveHeld({ tx, ring, auditKey: ctx.keys.audit, actor: p.actor }, req.params.id, req.params.action as HeldAction);
    });
    return presentHeld(row);
  });
};
