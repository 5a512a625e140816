import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../../audit/log.ts';
import { CAN, isStaff, isUser } from '../../auth/permissions.ts';
import { inPlatform } from '../../db/scope.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import { CONTACT_HOURS, contactHoursAt } from '../../inquiries/hours.ts';
import { addressOf, checkInbound } from '../../inquiries/inbound.ts';
import { answerInquiry, listInquiries, recordInquiry, type Inquiry } from '../../inquiries/register.ts';
import { ROLE_OF, type Topic } from '../../inquiries/routing.ts';
import { Email } from '../../accounts/fields.ts';
import { AnswerBody, HoursOut, InboundMailBody, InquiryBody, InquiryList, InquiryOut, InquiryParams, InquiryReceived, TopicQuery } from './schema.ts';

const tags = ['inquiries'];
const OPEN = { access: 'public', requiresAcceptance: false } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const present = (q: Inquiry, now = Date.now()) => ({
  id: q.id, reference: q.reference, topic: q.topic, via: q.via, lang: q.lang, from: q.from, subject: q.subject, body: q.body,
  receivedAt: q.received_at.toISOString(), acknowledgedAt: iso(q.acknowledged_at), dueAt: q.due_at.toISOString(), answeredAt: iso(q.answered_at),
  answer: q.answer, overdue: !q.answered_at && q.due_at.getTime() < now,
});
const hhmm = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * Questions to ECOMKEY (C25, C41): the contact form, the inbound mail address, the contact
 * hours in Vietnam time, and the staff's register of inquiries to answer.
 */
export const inquiryRoutes: RouteModule = async (app, ctx) => {
  const anon = { ...OPEN, feature: 'inquiries.receive', can: CAN.anyone, subject: { admit: 'anonymous', why: 'Anyone may write; the sender is known only by the address they give' } } as const;
  // A flood from one address is also refused by the open-inquiry limit of the register.
  const limited = { ...anon, rateLimit: { max: Math.max(5, Math.floor(ctx.config.rateLimitPerMinute / 40)), timeWindow: '1 minute' } };

  app.post('/api/inquiries', { config: limited, schema: { body: InquiryBody, response: { 201: InquiryReceived }, tags } }, async (req, reply) => {
    const b = req.body;
    const r = await recordInquiry(ctx, { via: 'form', from: b.email, subject: b.subject, body: b.message, lang: b.lang, userId: isUser(req.actor) ? req.actor.userId : null });
    return reply.code(201).send({ reference: r.reference, topic: r.topic, dueAt: r.dueAt.toISOString() });
  });

  app.get('/api/contact-hours', { config: { ...OPEN, noPersonalData: 'The phone line\'s opening hours and the time in Vietnam' }, schema: { response: { 200: HoursOut }, tags } }, async () => {
    const now = contactHoursAt(new Date());
    return {
      timeZone: 'Asia/Ho_Chi_Minh' as const, open: now.open, localTime: now.localTime, closesAt: now.closesAt, opensAt: now.opensAt,
      week: CONTACT_HOURS.map(([o, c], weekday) => ({ weekday, opens: hhmm(o), closes: hhmm(c) })),
    };
  });

  // The provider's webhook: its raw bytes are what the signature covers.
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (req, body: Buffer, done) => {
      req.rawBody = body;
      done(null, undefined);
    });
    raw.post('/api/inbound-mail', { config: { ...anon, rateLimit: { max: 6000, timeWindow: '1 minute' } }, schema: { response: { 202: InquiryReceived }, tags } }, async (req, reply) => {
      const secret = ctx.config.inboundMailSecret;
      if (!secret) throw notFound('route');
      const body = req.rawBody ?? Buffer.alloc(0);
      const check = checkInbound(secret, { timestamp: req.headers['x-pledge-timestamp'] as string | undefined, signature: req.headers['x-pledge-signature'] as string | undefined }, body);
      if (!check.ok) {
        await inPlatform(ctx.db, (tx) => recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'anonymous', id: null }, action: 'inquiry.inbound_refused', target: { type: 'route', id: 'inbound-mail' }, details: { code: check.code } }));
        throw new AppError(401, check.code, 'The inbound mail is not signed by the mail provider');
      }
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('invalid_json', 'The body is not JSON');
      }
      const parsed = InboundMailBody.safeParse(json);
      if (!parsed.success) throw badRequest('inbound_mail_invalid', 'The inbound mail lacks a field or has one of the wrong kind', { fields: parsed.error.issues.map((i) => i.path.join('.')) });
      const from = Email.safeParse(addressOf(parsed.data.from));
      if (!from.success) throw badRequest('inbound_mail_invalid', 'The sender\'s address is not an e-mail address', { fields: ['from'] });
      const m = parsed.data;
      const r = await recordInquiry(ctx, { via: 'mail', from: from.data, subject: m.subject, body: m.text, lang: m.lang ?? 'vi', messageId: m.messageId });
      return reply.code(202).send({ reference: r.reference, topic: r.topic, dueAt: r.dueAt.toISOString() });
    });
  });

  const staff = { access: 'staff', can: CAN.answerInquiries, feature: 'inquiries.answer', subject: { admit: 'many', why: 'ECOMKEY\'s own register of questions; each sender is answered at the address they wrote from' } } as const;
  const topicOfStaff = (role: string): Topic => (role === ROLE_OF.security ? 'security' : 'privacy');

  app.get('/api/staff/inquiries', { config: staff, schema: { querystring: TopicQuery, response: { 200: InquiryList }, tags: ['staff'] } }, async (req) => {
    if (!isStaff(req.actor)) throw forbidden('staff_only', 'Only ECOMKEY staff may do this');
    const own = topicOfStaff(req.actor.role);
    // Security questions may describe a live weakness: only security staff read them, and the privacy officer theirs.
    if (req.query.topic && req.query.topic !== own) throw forbidden('inquiry_topic_forbidden', `Your role answers ${own} inquiries`);
    return { items: (await listInquiries(ctx, own)).map((q) => present(q)) };
  });

  app.post('/api/staff/inquiries/:id/answer', { config: staff, schema: { params: InquiryParams, body: AnswerBody, response: { 200: InquiryOut }, tags: ['staff'] } }, async (req) => {
    if (!isStaff(req.actor)) throw forbidden('staff_only', 'Only ECOMKEY staff may do this');
    return present(await answerInquiry(ctx, { type: 'staff', id: req.actor.staffId, role: req.actor.role }, req.params.id, req.body.answer));
  });
};
