import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe } from 'vitest';
import { signUpBody } from '../accounts/support.ts';
import { agreementBody } from '../disclosures/support.ts';
import { createStaff } from '../support/factories.ts';
import { startFakeSmtp } from '../support/fake-smtp.ts';
import { runJob } from '../support/jobs.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { MAIL_TRIES, outboxAddressIndex } from '../../src/mail/outbox.ts';

/** What the outbox and the ledger hold for the mail to one address, read as the database owner. */
async function mailState(h: Harness, to: string) {
  const [row] = await h.ctx.db.query<{ sent_at: Date | null; refused_code: string | null }>('SELECT sent_at, refused_code FROM outbox WHERE to_bidx = $1', [outboxAddressIndex(h.ctx.keys, to)]);
  return row;
}

for (const kind of testStores()) {
  describe(`mail is a processor disclosure (${kind})`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
    beforeAll(async () => {
      smtp = await startFakeSmtp();
      h = await bootHarness(kind, { SMTP_URL: smtp.url });
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
      await smtp?.close();
    });

    it('[C26] mail reaches the SMTP provider only under its agreement, and each send is in the disclosure ledger', async () => {
      const body = signUpBody();
      expect((await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: body })).statusCode).toBe(201);
      await runJob(h, 'deliver-mail');
      // No e-mail provider on file: nothing leaves, the mail waits with the gate's code.
      expect(smtp.received).toEqual([]);
      expect(await mailState(h, body.email)).toMatchObject({ sent_at: null, refused_code: 'processor_agreement_missing' });

      // The privacy officer files the provider and an agreement that does not cover the message text: still nothing.
      const officer = await createStaff(h);
      const p = await h.app.inject({ method: 'POST', url: '/api/staff/processors', headers: officer.headers, payload: { name: 'Mailgun Technologies', kind: 'email' } });
      expect(p.statusCode, p.body).toBe(201);
      const file = (over: Record<string, unknown>) =>
        h.app.inject({ method: 'POST', url: `/api/staff/processors/${p.json().id}/agreements`, headers: officer.headers, payload: agreementBody({ signedAt: '2025-01-01', effectiveFrom: '2025-01-01', ...over }) });
      expect((await file({ categories: ['user.contact.email'], purposes: ['authenticate', 'communicate'] })).statusCode).toBe(201);
      // The refusal is asked again a few minutes later; here, at once.
      await h.ctx.db.query(`UPDATE outbox SET refused_at = now() - interval '10 minutes'`);
      await runJob(h, 'deliver-mail');
      expect(smtp.received).toEqual([]);
      expect((await mailState(h, body.email))!.refused_code).toBe('agreement_scope_exceeded');

      expect((await file({ categories: ['user.contact.email', 'user.content.message', 'user.name'], purposes: ['authenticate', 'communicate'] })).statusCode).toBe(201);
      await h.ctx.db.query(`UPDATE outbox SET refused_at = now() - interval '10 minutes'`);
      await runJob(h, 'deliver-mail');
      expect(smtp.received.map((r) => r.to)).toEqual([[body.email]]);
      expect(await mailState(h, body.email)).toMatchObject({ refused_code: null });
      expect((await mailState(h, body.email))!.sent_at).not.toBeNull();
      const ledger = await h.ctx.db.query<{ basis: string; recipient_id: string; recorded_by_type: string; categories: string[] }>(
        `SELECT basis, recipient_id, recorded_by_type, categories FROM disclosures WHERE recipient_id = $1`, [p.json().id]);
      expect(ledger).toEqual([{ basis: 'service_provider', recipient_id: p.json().id, recorded_by_type: 'system', categories: ['user.contact.email', 'user.content.message', 'user.name'] }]);
      // Sent once: another run hands nothing more over.
      await runJob(h, 'deliver-mail');
      expect(smtp.received).toHaveLength(1);
    });

    it('[C29] the outbox cannot hold ECOMKEY mail to a merchant\'s Subscriber, other than the sign-in link they asked for', async () => {
      const insert = (kind: string) => h.ctx.db.query(
        `INSERT INTO outbox (kind, to_address, subject, body_text, recipient_type) VALUES ($1, 'khach@example.vn', 'Khuyến mãi', 'Giảm 50%', 'subscriber')`, [kind]);
      await expect(insert('promotion')).rejects.toThrow(/outbox_subject_mail_is_requested/);
      await expect(insert('sensitive_held')).rejects.toThrow(/outbox_subject_mail_is_requested/);
      await expect(insert('privacy_center_link')).resolves.toBeDefined();
    });
  });
}

describe('a mail the provider keeps refusing (postgres)', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  beforeAll(async () => {
    smtp = await startFakeSmtp({ rejectFirst: MAIL_TRIES });
    h = await bootHarness(testStores().at(-1)!, { SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    await smtp?.close();
  });

  it('stops after its tries, shows on the dead-letter list with the provider\'s code and no address, and is sent once when staff retry it', async () => {
    const officer = await createStaff(h);
    const p = await h.app.inject({ method: 'POST', url: '/api/staff/processors', headers: officer.headers, payload: { name: 'Mailgun Technologies', kind: 'email' } });
    await h.app.inject({ method: 'POST', url: `/api/staff/processors/${p.json().id}/agreements`, headers: officer.headers,
      payload: agreementBody({ signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: ['user.contact.email', 'user.content.message', 'user.name'], purposes: ['authenticate', 'communicate'] }) });
    const body = signUpBody();
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: body })).statusCode).toBe(201);
    for (let i = 0; i < MAIL_TRIES + 2; i++) await runJob(h, 'deliver-mail');
    expect(smtp.received).toEqual([]);

    const list = await h.app.inject({ method: 'GET', url: '/api/staff/jobs/dead', headers: officer.headers });
    expect(list.statusCode, list.body).toBe(200);
    const dead = list.json().items.find((j: { name: string }) => j.name === 'deliver-mail (verify_email)');
    expect(dead).toMatchObject({ tries: MAIL_TRIES, code: 'EMESSAGE' });
    expect(list.body).not.toContain(body.email);
    const page = await h.app.inject({ method: 'GET', url: '/staff', headers: { cookie: officer.headers.cookie! } });
    expect(page.body).toContain(`data-id="${dead.id}"`);

    const retry = await h.app.inject({ method: 'POST', url: `/api/staff/jobs/dead/${dead.id}/retry`, headers: officer.headers });
    expect(retry.statusCode, retry.body).toBe(202);
    expect((await h.app.inject({ method: 'POST', url: `/api/staff/jobs/dead/${dead.id}/retry`, headers: officer.headers })).statusCode).toBe(404);
    await runJob(h, 'deliver-mail');
    await runJob(h, 'deliver-mail');
    expect(smtp.received.map((r) => r.to)).toEqual([[body.email]]);
    const after = await h.app.inject({ method: 'GET', url: '/api/staff/jobs/dead', headers: officer.headers });
    expect(after.json().items.some((j: { id: string }) => j.id === dead.id)).toBe(false);
  });
});
