import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactHoursAt } from '../../src/inquiries/hours.ts';
import { signInbound } from '../../src/inquiries/inbound.ts';
import { topicOf } from '../../src/inquiries/routing.ts';
import { startRedirectServer } from '../../src/http/tls.ts';
import { registerMailProcessor } from '../disclosures/support.ts';
import { createStaff, type Staff } from '../support/factories.ts';
import { startFakeSmtp, textOf } from '../support/fake-smtp.ts';
import { runJob } from '../support/jobs.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';

const kind = testStores().at(-1)!;
const SECRET = 'inbound-mail-secret-for-tests';

describe(`security and privacy inquiries (${kind})`, () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let officer: Staff;
  let security: Staff;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await bootHarness(kind, { SMTP_URL: smtp.url, INBOUND_MAIL_SECRET: SECRET });
    officer = await createStaff(h);
    security = await createStaff(h, 'security');
    await registerMailProcessor(h, officer.headers, ['authenticate', 'communicate']);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    await smtp?.close();
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map((m) => textOf(m.data));
  const inbound = (payload: object, opts: { secret?: string; timestamp?: number } = {}) => {
    const raw = Buffer.from(JSON.stringify(payload));
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    return h.app.inject({ method: 'POST', url: '/api/inbound-mail', payload: raw,
      headers: { 'content-type': 'application/json', 'x-pledge-timestamp': ts, 'x-pledge-signature': signInbound(opts.secret ?? SECRET, ts, raw) } });
  };

  it('[C41] a privacy question from the contact form is acknowledged to the sender, routed to the privacy officer and tracked until it is answered by mail', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/inquiries', payload: {
      email: 'minh.tran@example.vn', subject: 'Dữ liệu của tôi được lưu bao lâu?', message: 'Tôi muốn biết shop lưu tin nhắn Zalo của tôi trong bao lâu.', lang: 'vi' } });
    expect(res.statusCode, res.body).toBe(201);
    const { reference, topic, dueAt } = res.json();
    expect(topic).toBe('privacy');
    expect(reference).toMatch(/^Q-[0-9A-Z]{8}$/);
    expect(new Date(dueAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);

    await runJob(h, 'deliver-mail');
    expect(mailsTo('minh.tran@example.vn').join('\n')).toContain(reference);

    const mine = (await h.app.inject({ method: 'GET', url: '/api/staff/inquiries', headers: officer.headers })).json().items;
    const q = mine.find((i: { reference: string }) => i.reference === reference);
    expect(q).toMatchObject({ topic: 'privacy', via: 'form', from: 'minh.tran@example.vn', answeredAt: null, overdue: false });
    expect(q.body).toContain('tin nhắn Zalo');
    const theirs = (await h.app.inject({ method: 'GET', url: '/api/staff/inquiries', headers: security.headers })).json().items;
    expect(theirs.map((i: { reference: string }) => i.reference)).not.toContain(reference);

    const answer = await h.app.inject({ method: 'POST', url: `/api/staff/inquiries/${q.id}/answer`, headers: officer.headers,
      payload: { answer: 'Tin nhắn được lưu đến khi shop hoặc bạn xoá chúng.' } });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().answeredAt).not.toBeNull();
    await runJob(h, 'deliver-mail');
    expect(mailsTo('minh.tran@example.vn').join('\n')).toContain('Tin nhắn được lưu đến khi shop hoặc bạn xoá chúng.');
    const again = await h.app.inject({ method: 'POST', url: `/api/staff/inquiries/${q.id}/answer`, headers: officer.headers, payload: { answer: 'Lần nữa' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('inquiry_answered');
  });

  it('[C25] a mail titled "Security Policy Question" reaches security staff, not the privacy officer; a redelivery is the same inquiry', async () => {
    const mail = { messageId: '<20261202.1234@mail.example.vn>', from: 'Lan Nguyễn <lan@shophoamai.vn>', subject: 'RE: Security Policy Question',
      text: 'Is the login page protected against password guessing?' };
    const res = await inbound(mail);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().topic).toBe('security');
    const replay = await inbound(mail);
    expect(replay.json().reference).toBe(res.json().reference);

    const sec = (await h.app.inject({ method: 'GET', url: '/api/staff/inquiries', headers: security.headers })).json().items;
    expect(sec.filter((i: { reference: string }) => i.reference === res.json().reference)).toHaveLength(1);
    expect(sec[0]).toMatchObject({ via: 'mail', from: 'lan@shophoamai.vn' });
    const priv = await h.app.inject({ method: 'GET', url: '/api/staff/inquiries?topic=security', headers: officer.headers });
    expect(priv.statusCode).toBe(403);
    // Security staff are told one waits (without its words), the sender gets the acknowledgement.
    await runJob(h, 'deliver-mail');
    expect(mailsTo('lan@shophoamai.vn').join('\n')).toContain(res.json().reference);
  });

  it('[C25] an unsigned, forged or stale inbound mail is refused with a clear code and audited', async () => {
    const mail = { messageId: '<forged@x>', from: 'a@b.vn', subject: 'Security Policy Question', text: 'hello' };
    expect((await inbound(mail, { secret: 'not-the-provider-secret' })).json().code).toBe('signature_invalid');
    expect((await inbound(mail, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).json().code).toBe('signature_expired');
    const bare = await h.app.inject({ method: 'POST', url: '/api/inbound-mail', payload: mail });
    expect(bare.statusCode).toBe(401);
    expect(bare.headers['content-type']).toMatch(/problem\+json/);
    const bad = await inbound({ messageId: '<x@y>', from: 'not an address', subject: 's', text: 't' });
    expect(bad.statusCode).toBe(400);
    const audit = await h.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'inquiry.inbound_refused'");
    expect(audit[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('[C41] a flood from one address is refused once it has five questions waiting, with a clear code', async () => {
    const ask = () => h.app.inject({ method: 'POST', url: '/api/inquiries', payload: { email: 'flood@example.com', subject: 'Question', message: 'Why?', lang: 'en' } });
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(201);
    const sixth = await ask();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('inquiries_open_limit');
  });

  it('[C41] an unanswered inquiry coming due reminds the staff who answer it, once', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/inquiries', payload: { email: 'late@example.vn', subject: 'Xin trả lời', message: 'Câu hỏi về cookie', lang: 'vi' } });
    const { reference } = res.json();
    // Its due time is days away: the test moves it within the reminder window.
    await h.ctx.db.query("UPDATE inquiries SET due_at = now() + interval '1 hour' WHERE reference = $1", [reference]);
    const before = smtp.received.length;
    await runJob(h, 'inquiry-deadlines');
    await runJob(h, 'inquiry-deadlines');
    await runJob(h, 'deliver-mail');
    const reminders = smtp.received.slice(before).map((m) => textOf(m.data)).filter((t) => t.includes(reference) && /is due in/.test(t));
    expect(reminders).toHaveLength(1);
    expect(smtp.received.slice(before).filter((m) => textOf(m.data).includes(reference) && /is due in/.test(textOf(m.data))).flatMap((m) => m.to)).not.toContain('late@example.vn');
  });

  it('[C41] the contact hours are shown in Vietnam time: weekdays 8:00–18:00, weekends 8:00–17:00', async () => {
    const res = (await h.app.inject({ method: 'GET', url: '/api/contact-hours' })).json();
    expect(res.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(res.week.map((d: { opens: string; closes: string }) => `${d.opens}-${d.closes}`)).toEqual(
      ['08:00-17:00', '08:00-18:00', '08:00-18:00', '08:00-18:00', '08:00-18:00', '08:00-18:00', '08:00-17:00']);
    // 10:30 UTC is 17:30 in Hà Nội: open on a Friday, closed on a Saturday.
    expect(contactHoursAt(new Date('2026-12-04T10:30:00Z'))).toMatchObject({ open: true, localTime: '17:30', closesAt: '18:00' });
    expect(contactHoursAt(new Date('2026-12-05T10:30:00Z'))).toMatchObject({ open: false, localTime: '17:30', opensAt: '08:00' });
    // 00:30 UTC Monday is 07:30 there: not yet open.
    expect(contactHoursAt(new Date('2026-12-07T00:30:00Z'))).toMatchObject({ open: false, opensAt: '08:00' });
  });

  it('routes by the subject line whatever the case, quotes or reply prefixes, and only that subject', () => {
    expect(['Security Policy Question', 'security policy question', 'Fwd: Re: "Security Policy Question"', 'TL: Security  Policy Question'].map(topicOf))
      .toEqual(['security', 'security', 'security', 'security']);
    expect(['Question about security', 'Privacy question', 'Câu hỏi về bảo mật dữ liệu'].map(topicOf)).toEqual(['privacy', 'privacy', 'privacy']);
  });
});

describe(`HTTPS served directly (${kind})`, () => {
  let h: Harness;
  let dir: string;
  let cert: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pledge-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'));
    h = await bootHarness(kind, { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem'), HSTS_MAX_AGE: '63072000' });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('[C25] answers over TLS with HSTS, and the plain-HTTP port redirects to the same path on HTTPS', async () => {
    const port = (h.app.server.address() as AddressInfo).port;
    const res = await new Promise<{ status: number; hsts: string | undefined; protocol: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path: '/health', ca: cert }, (r) => {
        r.resume();
        resolve({ status: r.statusCode!, hsts: r.headers['strict-transport-security'] as string | undefined, protocol: (r.socket as unknown as { getProtocol(): string }).getProtocol() });
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(200);
    expect(res.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(res.hsts).toBe('max-age=63072000; includeSubDomains');

    const redirect = await startRedirectServer(`https://127.0.0.1:${port}`, 0, '127.0.0.1');
    try {
      const rport = (redirect.address() as AddressInfo).port;
      const r = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: rport, path: '/privacy-center?lang=vi', method: 'POST', headers: { host: 'evil.example' } }, (x) => {
          x.resume();
          resolve({ status: x.statusCode!, location: x.headers.location });
        });
        req.on('error', reject);
        req.end();
      });
      expect(r.status).toBe(308);
      // The target is the configured origin, whatever Host the request claimed.
      expect(r.location).toBe(`https://127.0.0.1:${port}/privacy-center?lang=vi`);
    } finally {
      redirect.close();
    }
  });
});
