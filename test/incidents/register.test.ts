import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMailProcessor } from '../disclosures/support.ts';
import { createMerchant, createStaff, createSubscriber, type Staff } from '../support/factories.ts';
import { startFakeSmtp, textOf } from '../support/fake-smtp.ts';
import { runJob } from '../support/jobs.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';

const kind = testStores().at(-1)!;
const HOUR = 3_600_000;

describe(`the breach register (${kind})`, () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let officer: Staff;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await bootHarness(kind, { SMTP_URL: smtp.url });
    officer = await createStaff(h);
    await registerMailProcessor(h, officer.headers, ['authenticate', 'communicate']);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    await smtp?.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    detectedAt: new Date(Date.now() - 2 * HOUR).toISOString(), severity: 'high',
    summary: 'A misconfigured export bucket exposed order exports for two hours', measures: 'Bucket closed, keys rotated, access logs reviewed',
    consequences: 'Contact details of shoppers may have been read', categories: ['user.contact.email', 'user.contact.phone'],
    subjectTypes: ['buyer'], approxSubjects: 1200, affectedTenantIds: [] as string[], ...over,
  });

  it('[C24] an incident starts the 72-hour authority clock from its detection; each affected shop\'s owner is told by mail, tracked to sent, and the shop\'s Subscribers never are', async () => {
    const shopA = await createMerchant(h);
    const shopB = await createMerchant(h);
    await createSubscriber(h, shopA.tenantId, 'Trần Thị Bích');
    const detectedAt = new Date(Date.now() - 2 * HOUR);
    const rec = await h.app.inject({ method: 'POST', url: '/api/staff/incidents', headers: officer.headers, payload: body({ detectedAt: detectedAt.toISOString(), affectedTenantIds: [shopA.tenantId, shopB.tenantId] }) });
    expect(rec.statusCode, rec.body).toBe(201);
    const inc = rec.json();
    expect(new Date(inc.authority.dueAt).getTime()).toBe(detectedAt.getTime() + 72 * HOUR);
    expect(inc.authority).toMatchObject({ reportedAt: null, overdue: false });
    expect(inc.authority.hoursLeft).toBeCloseTo(70, 0);
    expect(inc.notices.map((n: { state: string }) => n.state)).toEqual(['due', 'due']);

    // Whose data: found through the registry, counted inside the affected shops only.
    const affected = (await h.app.inject({ method: 'GET', url: `/api/staff/incidents/${inc.id}/affected`, headers: officer.headers })).json();
    expect(affected.tables.length).toBeGreaterThan(0);
    for (const t of affected.tables) expect(t.subjectTypes).toEqual(['buyer']);

    const notify = await h.app.inject({ method: 'POST', url: `/api/staff/incidents/${inc.id}/notify`, headers: officer.headers });
    expect(notify.statusCode, notify.body).toBe(202);
    expect(notify.json().mails).toBe(2);
    const queued = (await h.app.inject({ method: 'GET', url: '/api/staff/incidents', headers: officer.headers })).json().items.find((i: { id: string }) => i.id === inc.id);
    expect(queued.notices.map((n: { state: string }) => n.state)).toEqual(['queued', 'queued']);

    await runJob(h, 'deliver-mail');
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([shopA.email, shopB.email].sort());
    expect(smtp.received.map((m) => textOf(m.data)).join('\n')).toMatch(/(sự cố|incident)[^]*A misconfigured export bucket/);
    const sent = (await h.app.inject({ method: 'GET', url: '/api/staff/incidents', headers: officer.headers })).json().items.find((i: { id: string }) => i.id === inc.id);
    expect(sent.notices.map((n: { state: string }) => n.state)).toEqual(['sent', 'sent']);
    // Telling them twice sends nothing more.
    expect((await h.app.inject({ method: 'POST', url: `/api/staff/incidents/${inc.id}/notify`, headers: officer.headers })).json().mails).toBe(0);
    const toSubscribers = await h.ctx.db.query(`SELECT 1 FROM outbox WHERE recipient_type IN ('subscriber', 'buyer')`);
    expect(toSubscribers).toEqual([]);
  });

  it('[C24] the authority report is drafted from the register in both languages; before the deadline the privacy officer is reminded once; recording the report stops the clock', async () => {
    const rec = await h.app.inject({ method: 'POST', url: '/api/staff/incidents', headers: officer.headers, payload: body({ detectedAt: new Date(Date.now() - 60 * HOUR).toISOString() }) });
    const inc = rec.json();
    const report = await h.app.inject({ method: 'GET', url: `/api/staff/incidents/${inc.id}/report`, headers: officer.headers });
    expect(report.statusCode, report.body).toBe(200);
    const fields = Object.fromEntries(report.json().fields.map((f: { key: string; value: string; vi: string; en: string }) => [f.key, f]));
    expect(fields.approx_subjects.value).toBe('1200');
    expect(fields.categories.value).toContain('user.contact.phone');
    expect(fields.measures).toMatchObject({ vi: 'Biện pháp đã và sẽ thực hiện', en: 'Measures taken or proposed' });

    const before = smtp.received.length;
    await runJob(h, 'incident-deadlines');
    await runJob(h, 'incident-deadlines');
    await runJob(h, 'deliver-mail');
    const reminders = smtp.received.slice(before).map((m) => textOf(m.data)).filter((t) => /Authority report/.test(t));
    expect(reminders.length).toBe(1);
    expect(reminders[0]).toMatch(/is due in 12 hours/);

    const done = await h.app.inject({ method: 'POST', url: `/api/staff/incidents/${inc.id}/authority-report`, headers: officer.headers, payload: { reportedAt: new Date().toISOString(), reference: 'A05-2026-118' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().authority).toMatchObject({ reference: 'A05-2026-118', overdue: false });
    const again = await h.app.inject({ method: 'POST', url: `/api/staff/incidents/${inc.id}/authority-report`, headers: officer.headers, payload: { reportedAt: new Date().toISOString(), reference: 'A05-2026-118' } });
    expect(again.json()).toMatchObject({ code: 'already_reported' });
  });

  it('[C24] an incident without a detection time, detected in the future or naming an unknown category or shop is refused with a clear code; support staff and merchants cannot use the register', async () => {
    const post = (payload: Record<string, unknown>, headers = officer.headers) => h.app.inject({ method: 'POST', url: '/api/staff/incidents', headers, payload });
    const { detectedAt: _d, ...noTime } = body();
    const missing = await post(noTime);
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await post(body({ detectedAt: new Date(Date.now() + HOUR).toISOString() }))).json()).toMatchObject({ code: 'detected_in_future' });
    expect((await post(body({ categories: ['user.nonsense'] }))).json()).toMatchObject({ code: 'unknown_category' });
    expect((await post(body({ affectedTenantIds: ['00000000-0000-4000-8000-000000000000'] }))).json()).toMatchObject({ code: 'unknown_tenant' });
    const support = await createStaff(h, 'support');
    expect((await post(body(), support.headers)).statusCode).toBe(403);
    const m = await createMerchant(h);
    expect((await h.app.inject({ method: 'GET', url: '/api/staff/incidents', headers: m.headers })).statusCode).toBe(403);
  });

  it('[C24] the affected people are found through the data map: the tables holding the breached categories, counted inside the affected shops', async () => {
    const hit = await createMerchant(h);
    const spared = await createMerchant(h);
    await createSubscriber(h, hit.tenantId, 'Phan Văn Một');
    await createSubscriber(h, hit.tenantId, 'Phan Văn Hai');
    await createSubscriber(h, spared.tenantId, 'Đỗ Thị Ba');
    const rec = await h.app.inject({ method: 'POST', url: '/api/staff/incidents', headers: officer.headers,
      payload: body({ categories: ['user.name'], subjectTypes: ['subscriber'], approxSubjects: 2, affectedTenantIds: [hit.tenantId] }) });
    const affected = (await h.app.inject({ method: 'GET', url: `/api/staff/incidents/${rec.json().id}/affected`, headers: officer.headers })).json();
    const subscribers = affected.tables.find((t: { table: string }) => t.table === 'subscribers');
    expect(subscribers).toMatchObject({ columns: ['display_name'], subjectTypes: ['subscriber'], rows: 2 });
    expect(JSON.stringify(affected)).not.toContain('Phan Văn');
  });
});
