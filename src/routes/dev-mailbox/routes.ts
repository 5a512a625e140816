import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { MailboxOut, MailboxQuery } from './schema.ts';
import { notFound } from '../../errors.ts';
import { openMail, outboxAddressIndex } from '../../mail/outbox.ts';

const isLoopback = (ip: string | undefined): boolean => !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));

type OutboxRow = { id: number; to_address: string; subject: string; body_text: string; created_at: Date };

/**
 * With DEV_MAILBOX=1 (and no SMTP) this shows the outbox, newest first. Otherwise the route
 * does not exist: it is never switched on by a missing setting, only by an explicit one.
 */
export const devMailboxRoutes: RouteModule = (app, ctx) => {
  if (!ctx.config.devMailbox || ctx.mailer.smtp) return;
  app.get('/api/dev/mailbox', { config: { access: 'public', feature: 'dev.mailbox', can: CAN.anyone, subject: { admit: 'anonymous', why: 'The development mailbox, loopback only, without SMTP' } }, schema: { querystring: MailboxQuery, response: { 200: MailboxOut }, tags: ['dev'] } }, async (req) => {
    // Verification links are in here: only this machine may read them, whatever a proxy header says.
    if (!isLoopback(req.socket.remoteAddress)) throw notFound('route');
    const rows = await ctx.db.query<OutboxRow>(
      `SELECT id, to_address, subject, body_text, created_at FROM outbox
        WHERE ($1::text IS NULL OR to_bidx = $1) ORDER BY id DESC LIMIT $2`,
      [req.query.to ? outboxAddressIndex(ctx.keys, req.query.to) : null, req.query.limit],
    );
    // The outbox is sealed at rest; this dev-only view opens it.
    return { items: rows.map((r) => ({ id: r.id, ...openMail(ctx.keys, r), createdAt: new Date(r.created_at).toISOString() })) };
  });
};
