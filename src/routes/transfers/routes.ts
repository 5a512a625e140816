import { auditActor } from '../../auth/actor.ts';
import { CAN, isStaff } from '../../auth/permissions.ts';
import { forbidden } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import { activeNotice, announceTransfer, createTransfer, startTransfer, transferStatus, type TransferStatus } from '../../transfers/transfers.ts';
import { AnnounceOut, CreateTransferBody, SiteNoticeOut, TransferOut, TransferParams } from './schema.ts';

const tags = ['staff'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const present = (s: TransferStatus) => ({
  id: s.transfer.id, acquirer: s.transfer.acquirer, keySha256: s.transfer.acquirer_key_sha256, noticeDays: s.transfer.notice_days, state: s.transfer.state,
  announcedAt: iso(s.transfer.announced_at), startedAt: iso(s.transfer.started_at), exportedAt: iso(s.transfer.exported_at), exportSha256: s.transfer.export_sha256,
  users: s.users,
  readiness: { ready: s.readiness.ready, code: s.readiness.ready ? null : s.readiness.code, unnotified: s.unnotified, noticeEndsAt: iso(s.readiness.noticeEndsAt) },
  notices: s.notices.map((n) => ({ userId: n.user_id, queuedAt: n.queued_at.toISOString(), sentAt: iso(n.sent_at) })),
});

/** A merger or acquisition transfer (C05), run by the privacy officer; the site's notice for everyone. */
export const transferRoutes: RouteModule = (app, ctx) => {
  const officer = { access: 'staff' as const, can: CAN.privacyOfficer };
  const ids = 'The transfer\'s state and, per user, only their id and when their notice was queued and sent';
  const staffId = (a: Parameters<typeof isStaff>[0]) => {
    if (!isStaff(a)) throw forbidden('privacy_officer_only', 'Only the privacy officer may do this');
    return a.staffId;
  };

  app.post('/api/staff/transfers', { config: { ...officer, noPersonalData: 'The acquirer\'s name and public key' }, schema: { body: CreateTransferBody, response: { 201: TransferOut }, tags } }, async (req, reply) => {
    const t = await createTransfer(ctx, { ...auditActor(req.actor), id: staffId(req.actor) }, req.body);
    return reply.code(201).send(present(await transferStatus(ctx, t.id)));
  });

  app.post('/api/staff/transfers/:id/announce', {
    config: { ...officer, feature: 'transfers.announce', subject: { admit: 'many', why: 'E-mails every user; the mail job asks the gate for each recipient' } },
    schema: { params: TransferParams, response: { 202: AnnounceOut }, tags },
  }, async (req, reply) => {
    staffId(req.actor);
    return reply.code(202).send({ mails: await announceTransfer(ctx, auditActor(req.actor), req.params.id) });
  });

  app.get('/api/staff/transfers/:id', { config: { ...officer, noPersonalData: ids }, schema: { params: TransferParams, response: { 200: TransferOut }, tags } }, async (req) =>
    present(await transferStatus(ctx, req.params.id)));

  app.post('/api/staff/transfers/:id/start', { config: { ...officer, noPersonalData: ids }, schema: { params: TransferParams, response: { 202: TransferOut }, tags } }, async (req, reply) => {
    staffId(req.actor);
    return reply.code(202).send(present(await startTransfer(ctx, auditActor(req.actor), req.params.id)));
  });

  app.get('/api/transfer-notice', {
    config: { access: 'public', requiresAcceptance: false, noPersonalData: 'The acquirer\'s name and the earliest transfer date' }, schema: { response: { 200: SiteNoticeOut }, tags: ['public'] },
  }, async () => {
    const n = await activeNotice(ctx.db);
    return { active: n !== null, acquirer: n?.acquirer ?? null, notBefore: iso(n?.notBefore ?? null) };
  });
};
