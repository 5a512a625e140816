import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { selfCustomer } from '../../http/declare.ts';
// Reading and correcting one's own data are rights (C31, C32): never refused for a restriction.
const OWN = { admit: 'ledger', locate: selfCustomer, why: 'The person reads or corrects their own registration data' } as const;
import { loadProfile, profileHistory, updateProfile, viewProfile } from '../../accounts/profile.ts';
import { canEditOwnProfile, isUser } from '../../auth/permissions.ts';
import { forbidden } from '../../errors.ts';
import { presentProfile } from './presenter.ts';
import { ClosureOut, CloseBody, HistoryOut, ProfileOut, ProfilePatchBody } from './schema.ts';
import { closeAccount } from '../../accounts/close.ts';

const tags = ['me'];

/** A user reviews and changes their own registration data (C32); past values come from the audit log (C16). */
export const meRoutes: RouteModule = (app, ctx) => {
  app.get('/api/me', { config: { feature: 'profile.read', can: CAN.ownAccount, subject: OWN }, schema: { response: { 200: ProfileOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Only a merchant account has a profile');
    return presentProfile(ctx.keys, await viewProfile(ctx, ctx.db, await loadProfile(ctx.db, actor)));
  });

  app.patch('/api/me', { config: { feature: 'profile.update', can: CAN.editOwnProfile, subject: OWN }, schema: { body: ProfilePatchBody, response: { 200: ProfileOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canEditOwnProfile(actor)) throw forbidden('session_required', 'Change your profile while signed in, not with an API key');
    return presentProfile(ctx.keys, await updateProfile(ctx, actor, req.body));
  });

  app.get('/api/me/history', { config: { feature: 'profile.history', can: CAN.ownAccount, subject: OWN }, schema: { response: { 200: HistoryOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Only a merchant account has a profile');
    return { items: await profileHistory(ctx, actor.userId) };
  });

  // Closing is the person's own right (C30): never refused for a restriction; the password confirms it.
  app.post('/api/me/close', { config: { feature: 'accounts.close', can: CAN.editOwnProfile, subject: OWN }, schema: { body: CloseBody, response: { 200: ClosureOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canEditOwnProfile(actor)) throw forbidden('session_required', 'Close your account while signed in, not with an API key');
    return closeAccount(ctx, actor, req.body.password);
  });
};
