import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsAcquirer } from '../../src/transfers/seal.ts';
import { registerMailProcessor } from '../disclosures/support.ts';
import { createMerchant, createStaff, type Staff } from '../support/factories.ts';
import { startFakeSmtp } from '../support/fake-smtp.ts';
import { runJob } from '../support/jobs.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';

const kind = testStores().at(-1)!;
const acquirer = generateKeyPairSync('rsa', { modulusLength: 3072, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe(`a merger or acquisition transfer (${kind})`, () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let officer: Staff;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pledge-transfer-'));
    smtp = await startFakeSmtp();
    h = await bootHarness(kind, { SMTP_URL: smtp.url, TRANSFER_DIR: dir });
    officer = await createStaff(h);
    await registerMailProcessor(h, officer.headers, ['authenticate', 'communicate']);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const staff = (method: 'GET' | 'POST', url: string, payload?: object) => h.app.inject({ method, url, headers: officer.headers, ...(payload ? { payload } : {}) });
  // The notice period is 30 days: a test cannot wait them out, so it moves the announcement back in time.
  const ageAnnouncement = (id: string, days: number) => h.ctx.db.query(`UPDATE transfers SET announced_at = announced_at - make_interval(days => $2) WHERE id = $1`, [id, days]);

  it('[C05] the export refuses to start until every user has been e-mailed and the site\'s notice has been up for the whole period, then goes encrypted to the acquirer', async () => {
    const lan = await createMerchant(h);
    const minh = await createMerchant(h);
    const created = await staff('POST', '/api/staff/transfers', { acquirer: 'Sao Bắc Holdings JSC', publicKeyPem: acquirer.publicKey, noticeDays: 30 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await staff('POST', `/api/staff/transfers/${id}/start`)).json().code).toBe('transfer_not_announced');

    const announced = await staff('POST', `/api/staff/transfers/${id}/announce`);
    expect(announced.json().mails).toBe(2);
    // The site shows the notice on every page from now on.
    const home = await h.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(home.body).toMatch(/id="transfer-notice"[^]*Sao Bắc Holdings JSC/);
    expect((await h.app.inject({ method: 'GET', url: '/api/transfer-notice' })).json()).toMatchObject({ active: true, acquirer: 'Sao Bắc Holdings JSC' });

    // Queued is not notified: the mail must have left.
    const early = await staff('POST', `/api/staff/transfers/${id}/start`);
    expect([early.statusCode, early.json().code]).toEqual([409, 'users_not_notified']);
    await runJob(h, 'deliver-mail');
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([lan.email, minh.email].sort());
    const status = (await staff('GET', `/api/staff/transfers/${id}`)).json();
    expect(status.notices.map((n: { userId: string; sentAt: string | null }) => [n.userId, n.sentAt !== null]).sort()).toEqual([[lan.userId, true], [minh.userId, true]].sort());
    expect((await staff('POST', `/api/staff/transfers/${id}/start`)).json().code).toBe('notice_period_running');

    // The period passes; meanwhile someone signs up, and has not been told.
    await ageAnnouncement(id, 31);
    const late = await createMerchant(h);
    const blocked = await staff('POST', `/api/staff/transfers/${id}/start`);
    expect([blocked.json().code, blocked.json().title]).toEqual(['users_not_notified', '1 users have not been notified yet']);
    expect((await staff('POST', `/api/staff/transfers/${id}/announce`)).json().mails).toBe(1);
    await runJob(h, 'deliver-mail');
    expect(smtp.received.flatMap((m) => m.to)).toContain(late.email);

    const started = await staff('POST', `/api/staff/transfers/${id}/start`);
    expect(started.statusCode, started.body).toBe(202);
    await runJob(h, 'merger-transfer', { transferId: id });
    const done = (await staff('GET', `/api/staff/transfers/${id}`)).json();
    expect(done.state).toBe('exported');
    const sealed = readFileSync(join(dir, `${id}.pledge-transfer`));
    // Without the acquirer's private key the file says nothing; with it, every table's rows.
    expect(sealed.toString('latin1')).not.toContain(lan.userId);
    const lines = gunzipSync(openAsAcquirer(acquirer.privateKey, sealed)).toString('utf8').split('\n').map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    expect(lines.filter((l) => l.table === 'users').map((l) => l.row.id).sort()).toEqual([lan.userId, minh.userId, late.userId].sort());
    expect(lines.some((l) => l.table === 'sessions')).toBe(false);
  }, 60_000);

  it('[C05] the database itself refuses to mark a transfer started before the notice period ends or while a user is un-notified', async () => {
    const created = await staff('POST', '/api/staff/transfers', { acquirer: 'Another Buyer Ltd', publicKeyPem: acquirer.publicKey, noticeDays: 30 });
    const id = created.json().id as string;
    await staff('POST', `/api/staff/transfers/${id}/announce`);
    await expect(h.ctx.db.query("UPDATE transfers SET state = 'exporting' WHERE id = $1", [id])).rejects.toThrow(/notice period/);
    await ageAnnouncement(id, 31);
    // The mails are queued, not sent: still refused.
    await expect(h.ctx.db.query("UPDATE transfers SET state = 'exporting' WHERE id = $1", [id])).rejects.toThrow(/not notified/);
    await h.ctx.db.query("UPDATE transfers SET state = 'canceled' WHERE id = $1", [id]);
  });

  it('refuses an acquirer key that is not an RSA public key of at least 3072 bits', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    expect((await staff('POST', '/api/staff/transfers', { acquirer: 'X', publicKeyPem: weak.publicKey })).json().code).toBe('acquirer_key_weak');
    expect((await staff('POST', '/api/staff/transfers', { acquirer: 'X', publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${'A'.repeat(200)}\n-----END PUBLIC KEY-----` })).json().code).toBe('acquirer_key_invalid');
    const support = await createStaff(h, 'support');
    expect((await h.app.inject({ method: 'POST', url: '/api/staff/transfers', headers: support.headers, payload: { acquirer: 'X', publicKeyPem: acquirer.publicKey } })).statusCode).toBe(403);
  });
});
