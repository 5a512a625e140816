import { waitForMail } from '../accounts/support.ts';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { rawTables } from '../support/raw-tables.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { registerPaymentProcessor } from '../support/factories.ts';
import { insertStaff } from '../../src/accounts/staff.ts';
import { hashPassword } from '../../src/crypto/password.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { mustBeSealed, PERSONAL_COLUMNS, type PersonalColumn } from '../../src/domain/registry.ts';
import { processorFor } from '../../src/payments/index.ts';
import type { SandboxProcessor } from '../../src/payments/sandbox.ts';
import { findSubscriberBy } from '../../src/subjects/subscribers.ts';
import { mailTo } from './support.ts';

const PASSWORD = 'correct horse battery';
const post = (h: Harness, url: string, payload: unknown, headers: Record<string, string> = {}) => h.app.inject({ method: 'POST', url, payload: payload as object, headers });

/** Everything a person types that C07 wants sealed, unique per run so a hit cannot be a coincidence. */
function personalValues() {
  const tag = randomUUID().slice(0, 6);
  return {
    email: `lan-${tag}@hoamai.example`, name: `Nguyễn Thị Lan ${tag}`, company: `Tiệm Hoa Mai ${tag}`, billingAddress: `88 Hoa Mai ${tag}, Q. Phú Nhuận`,
    newCompany: `Tiệm Hoa Đào ${tag}`, newAddress: `12 Lê Lợi ${tag}, Q.1`,
    subName: `Trần Thị Bích ${tag}`, subPhone: '0912 345 678', subEmail: `bich-${tag}@mail.example`, subExternalId: `zalo-uid-${tag}`,
    billingPhone: '+84 903 111 222', billingAddress2: `45 Trần Phú ${tag}, Đà Nẵng`,
    buyerName: `Phạm Quốc Bảo ${tag}`, buyerEmail: `bao-${tag}@mail.example`, buyerAddress: `9 Nguyễn Huệ ${tag}`,
    staffEmail: `thao-${tag}@ecomkey.example`, staffName: `Thảo ${tag}`,
    noteText: `Chị Bích ${tag} thích hoa hồng trắng`, messageText: `Em ${tag} muốn đặt 3 bó hoa`,
  };
}
type Values = ReturnType<typeof personalValues>;

/** Drives the real routes a Customer, a Subscriber and a staff member use, with `v`'s values. */
async function exercise(h: Harness, v: Values): Promise<{ tenantId: string; headers: Record<string, string> }> {
  // Sign-up, the verification link from the mailbox, sign-in by e-mail.
  const body = { name: v.name, company: v.company, email: v.email, billingAddress: v.billingAddress, password: PASSWORD, dateOfBirth: '1990-05-17', locale: 'vi' };
  expect((await post(h, '/api/auth/sign-up', body)).statusCode).toBe(201);
  const mailbox = await h.app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(v.email)}` });
  const token = /token=([A-Za-z0-9_%-]+)/.exec(mailbox.json().items[0]?.text ?? '')?.[1];
  expect((await post(h, '/api/auth/verify-email', { token: decodeURIComponent(token!) })).statusCode).toBe(200);
  const signIn = await post(h, '/api/auth/sign-in', { email: v.email.toUpperCase(), password: PASSWORD });
  expect(signIn.statusCode).toBe(200);
  expect(signIn.json().user).toMatchObject({ email: v.email, name: v.name });
  const cookie = signIn.cookies.find((c) => c.name === 'pledge_session')!;
  const headers = { cookie: `pledge_session=${cookie.value}`, 'x-csrf-token': signIn.json().csrfToken as string };
  const tenantId = (await h.app.inject({ method: 'GET', url: '/api/auth/session', headers })).json().user.tenantId as string;
  const accept = await post(h, '/api/policies/accept', { privacyVersion: 1, termsVersion: 1 }, headers);
  expect(accept.statusCode).toBe(201);

  // The profile changes (C32), a Subscriber is created, the paid plan bought.
  expect((await h.app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { company: v.newCompany, billingAddress: v.newAddress } })).statusCode).toBe(200);
  // With an Idempotency-Key: the stored answer to replay must not be a clear copy of the person.
  const subBody = { channel: 'zalo', externalId: v.subExternalId, displayName: v.subName, phone: v.subPhone, email: v.subEmail, source: 'channel:zalo', legalBasis: 'consent' };
  const idem = { ...headers, 'idempotency-key': randomUUID() };
  const sub = await post(h, '/api/subscribers', subBody, idem);
  expect(sub.statusCode, sub.body).toBe(201);
  const replay = await post(h, '/api/subscribers', subBody, idem);
  expect([replay.statusCode, replay.json()]).toEqual([201, sub.json()]);
  expect(sub.json()).toMatchObject({ displayName: v.subName, phone: v.subPhone, email: v.subEmail });
  await registerPaymentProcessor(h);
  const card = (processorFor(h.ctx.config) as SandboxProcessor).tokenize({ number: '9704 0000 0000 0018', expMonth: 12, expYear: 2030, cvc: '123' });
  const up = await post(h, '/api/billing/upgrade', { plan: 'paid', phone: v.billingPhone, physicalAddress: v.billingAddress2, paymentToken: card.token, last4: card.last4, brand: card.brand }, headers);
  expect(up.statusCode, up.body).toBe(200);
  expect(up.json().contact).toMatchObject({ name: v.name, email: v.email, company: v.newCompany, phone: v.billingPhone, physicalAddress: v.billingAddress2 });
  // A note disclosing a special category is held, sealed, until the person consents (C14).
  const note = await post(h, `/api/subscribers/${sub.json().id as string}/notes`, { text: 'Khách nói em bị tiểu đường, giao hàng buổi sáng' }, headers);
  expect(note.statusCode, note.body).toBe(201);
  // A plain note and a message: their working copies are sealed too, and still read back.
  // With an Idempotency-Key too: every create's stored answer is sealed, not only the Subscriber's.
  const plain = await post(h, `/api/subscribers/${sub.json().id as string}/notes`, { text: v.noteText }, { ...headers, 'idempotency-key': randomUUID() });
  expect([plain.statusCode, plain.json().text]).toEqual([201, v.noteText]);
  const msg = await post(h, '/api/messages/inbound', { channel: 'zalo', subscriberId: sub.json().id, text: v.messageText }, headers);
  expect([msg.statusCode, msg.json().text]).toEqual([201, v.messageText]);

  // A Buyer comes from an order (C19): their columns and the order's delivery address are sealed.
  const order = await post(h, '/api/orders', {
    items: [{ name: 'Bó hoa', quantity: 3, unitPrice: 250000 }],
    buyer: { name: v.buyerName, email: v.buyerEmail, phone: '0938 444 555', address: v.buyerAddress }, deliveryAddress: v.buyerAddress,
  }, headers);
  expect(order.statusCode, order.body).toBe(201);

  // The privacy center: the Subscriber signs in by e-mail (any case), through the link mailed to them.
  expect((await post(h, `/api/privacy-center/${tenantId}/sign-in`, { email: v.subEmail.toUpperCase(), lang: 'en' })).statusCode).toBe(202);
  // The link is queued after the answer (so timing tells nothing): wait for it.
  await waitForMail(h, v.subEmail);
  const [link] = await mailTo(h, v.subEmail);
  const linkToken = /token=([A-Za-z0-9_-]+)/.exec(link!.text)?.[1];
  const center = await post(h, '/api/privacy-center/session', { token: linkToken });
  expect(center.statusCode).toBe(200);
  // A Subscriber's correction waits sealed under the shop's key (C16).
  const centerHeaders = { cookie: String(center.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': center.json().csrfToken as string };
  const subCorr = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { displayName: v.subName } }, centerHeaders);
  expect(subCorr.statusCode, subCorr.body).toBe(201);
  // And the Buyer, by theirs.
  expect((await post(h, `/api/privacy-center/${tenantId}/sign-in`, { email: v.buyerEmail })).statusCode).toBe(202);
  await waitForMail(h, v.buyerEmail);
  expect(await mailTo(h, v.buyerEmail)).toHaveLength(1);

  // Staff sign in to their own realm by e-mail.
  await inPlatform(h.ctx.db, async (tx) => insertStaff(tx, h.ctx.keys, { email: v.staffEmail, name: v.staffName, role: 'privacy_officer', passwordHash: await hashPassword(PASSWORD) }));
  const staff = await post(h, '/api/staff/auth/sign-in', { email: v.staffEmail, password: PASSWORD });
  expect(staff.statusCode).toBe(200);
  expect(staff.json().staff).toMatchObject({ email: v.staffEmail, name: v.staffName });
  // A correction waiting in a rectification request holds the new value (C16).
  const corr = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { name: v.name } }, headers);
  expect(corr.statusCode, corr.body).toBe(201);
  // A question to ECOMKEY from the contact form (C41): the sender's address and words.
  expect((await post(h, '/api/inquiries', { email: v.email, subject: `Câu hỏi của ${v.name}`, message: v.noteText, lang: 'vi' })).statusCode).toBe(201);
  return { tenantId, headers };
}


// What each way of holding a value looks like raw.
const SHAPE: Record<PersonalColumn['atRest']['kind'], RegExp | null> = {
  subject_key: /^v1\.[A-Za-z0-9_-]{40,}$/,
  mail_key: /^v1\.[A-Za-z0-9_-]{40,}$/,
  tenant_key: /^enc:v1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/,
  blind_index: /^[A-Za-z0-9_-]{43}$/,
  clear: null,
};


describeEachStore('identity and contact data sealed at rest (C07)', (h) => {
  it('[C07] after sign-up, profile, subscriber, billing, privacy-center and staff sign-in, every column in a sealed category holds only ciphertext', async () => {
    const v = personalValues();
    await exercise(h(), v);

    // The list comes from the registry's categories, not from how a column says it is stored.
    const sealed = PERSONAL_COLUMNS.filter(mustBeSealed);
    const names = sealed.map((c) => `${c.table}.${c.column}`);
    for (const must of ['users.email', 'users.name', 'users.company', 'users.billing_address', 'tenants.name', 'staff_users.email', 'staff_users.name',
      'subscribers.display_name', 'subscribers.phone', 'subscribers.email', 'subscribers.external_id', 'buyers.name', 'buyers.email', 'buyers.phone', 'buyers.address',
      'billing_profiles.contact_name', 'billing_profiles.contact_email', 'billing_profiles.company', 'billing_profiles.phone', 'billing_profiles.physical_address',
      'outbox.to_address', 'outbox.body_text', 'subscriber_notes.body', 'messages.body']) expect(names).toContain(must);
    // Held in clear despite their category: only these, each with its reason in the registry.
    const clear = sealed.filter((c) => c.atRest.kind === 'clear');
    // A post's username and city are public by their author's choice (C09): sealing would hide nothing.
    expect(clear.map((c) => `${c.table}.${c.column}`).sort()).toEqual(['community_posts.city', 'community_posts.username', 'payment_methods.last4']);
    for (const c of clear) expect(c.atRest.kind === 'clear' && c.atRest.reason, `${c.table}.${c.column}`).toBeTruthy();

    const clearValues = Object.values(v).filter((x) => x.length > 8);
    const seen = new Set<string>();
    for (const c of sealed.filter((x) => x.atRest.kind !== 'clear')) {
      const rows = await h().ctx.db.query<{ v: unknown }>(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`);
      for (const { v: raw } of rows) {
        const key = `${c.table}.${c.column}`;
        if (c.table === 'audit_log') {
          // Past profile values: the entry's `sealed` member is ciphertext, and nothing else in it is a value.
          const d = raw as { sealed?: string };
          if (d.sealed) expect(d.sealed, key).toMatch(SHAPE.subject_key!);
        } else {
          expect(String(raw), key).toMatch(SHAPE[c.atRest.kind]!);
        }
        for (const x of clearValues) expect(JSON.stringify(raw), `${key} holds a clear value`).not.toContain(x);
        seen.add(key);
      }
    }
    // The exercise reached every one of them (a column never written would pass vacuously).
    // (The sealed twins of notes and messages are written only once the person consents to what they disclose.)
    // The channel columns (issue 13) are written only through signed webhooks and the send path,
    // with a fake platform server: test/channels/channels.test.ts checks each is ciphertext.
    // TODO: drive one webhook delivery from here too, so this wall covers them itself.
    // A large import's staged rows need a file of over 1,000 rows: test/channels/import-job.test.ts checks they are ciphertext.
    const elsewhere = ['subscriber_notes.body_sealed', 'messages.body_sealed', 'channel_events.payload', 'subscribers.opt_in_evidence', 'opt_events.evidence', 'outbound_messages.body',
      'subscriber_imports.rows_sealed'];
    for (const c of sealed.filter((x) => x.atRest.kind !== 'clear' && !elsewhere.includes(`${x.table}.${x.column}`) && !x.table.startsWith('channel_accounts'))) {
      expect(seen, `${c.table}.${c.column} was never written`).toContain(`${c.table}.${c.column}`);
    }
    // And nowhere else in the database: no table holds any of the typed values in clear.
    for (const [table, text] of await rawTables(h())) for (const x of clearValues) expect(text, `${table} holds "${x}"`).not.toContain(x);
  });

  it('[C07] a Subscriber can still be found by phone, e-mail or platform id, however they are written', async () => {
    const v = personalValues();
    const { tenantId, headers } = await exercise(h(), v);
    const byPhone = await inTenant(h().ctx.db, tenantId, (tx) => findSubscriberBy(tx, h().ctx.keys, tenantId, { phone: '+84 912-345-678' }));
    const byEmail = await inTenant(h().ctx.db, tenantId, (tx) => findSubscriberBy(tx, h().ctx.keys, tenantId, { email: ` ${v.subEmail.toUpperCase()} ` }));
    const byId = await inTenant(h().ctx.db, tenantId, (tx) => findSubscriberBy(tx, h().ctx.keys, tenantId, { channel: 'zalo', externalId: v.subExternalId }));
    expect(byPhone.map((r) => r.id)).toHaveLength(1);
    expect(byEmail.map((r) => r.id)).toEqual(byPhone.map((r) => r.id));
    expect(byId.map((r) => r.id)).toEqual(byPhone.map((r) => r.id));
    const shown = await h().app.inject({ method: 'GET', url: `/api/subscribers/${byPhone[0]!.id}`, headers });
    expect(shown.json()).toMatchObject({ displayName: v.subName, phone: v.subPhone, email: v.subEmail });
  });

  it('[C07] an address is unique on its blind index: a second sign-up with the same address, in another case, creates nothing', async () => {
    const v = personalValues();
    await exercise(h(), v);
    const users = async () => (await h().ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n;
    const before = await users();
    const again = await post(h(), '/api/auth/sign-up', { name: 'X', company: 'Y', email: v.email.toUpperCase(), billingAddress: 'Z', password: 'a much longer passphrase 42', dateOfBirth: '1990-01-01', locale: 'vi' });
    // The same answer as for a new address (no enumeration), and no second account.
    expect(again.statusCode).toBe(201);
    expect(await users()).toBe(before);
  });
});

describeEachStore('rectification keeps no old value in the live record (C16)', (h) => {
  it('[C16] after a company change the old name is nowhere in the database in clear; the shop takes the new name; history has the old, sealed', async () => {
    const v = personalValues();
    const { headers } = await exercise(h(), v);
    const me = (await h().app.inject({ method: 'GET', url: '/api/me', headers })).json();
    expect(me).toMatchObject({ company: v.newCompany, tenantName: v.newCompany, billingAddress: v.newAddress });
    for (const [table, text] of await rawTables(h())) expect(text, table).not.toContain(v.company);
    const history = (await h().app.inject({ method: 'GET', url: '/api/me/history', headers })).json().items;
    expect(history).toMatchObject([{ fields: ['company', 'billingAddress'], changes: [{ field: 'company', from: v.company, to: v.newCompany }, { field: 'billingAddress', from: v.billingAddress }] }]);
  });
});

describeEachStore('rows stored in clear by an older version (C07)', (h) => {
  it('[C07] start-up seals them: afterwards they are ciphertext, sign-in by e-mail and the privacy center still find them', async () => {
    const { resealLegacyRows } = await import('../../src/subjects/reseal.ts');
    const tag = randomUUID().slice(0, 6);
    const email = `old-${tag}@shop.example`;
    const subEmail = `old-sub-${tag}@mail.example`;
    // What migration 005's code wrote: clear values, no blind indexes.
    const tenantId = await inPlatform(h().ctx.db, async (tx) => {
      const [t] = await tx.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [`Old Shop ${tag}`]);
      const [u] = await tx.query<{ id: string }>(
        `INSERT INTO users (email, name, company, billing_address, password_hash, email_verified_at, adult_confirmed_at) VALUES ($1, $2, $3, '1 Old St', $4, now(), now()) RETURNING id`,
        [email, `Old Name ${tag}`, `Old Shop ${tag}`, await hashPassword(PASSWORD)],
      );
      await tx.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [t!.id, u!.id]);
      const [s] = await tx.query<{ id: string }>(`INSERT INTO subscribers (tenant_id, channel, display_name, email, source, legal_basis) VALUES ($1, 'zalo', $2, $3, 'channel:zalo', 'consent') RETURNING id`, [t!.id, `Old Sub ${tag}`, subEmail]);
      // And what came before migration 011: a note and a message in clear, as the constraint it
      // added (NOT VALID) leaves them.
      await tx.exec(`ALTER TABLE subscriber_notes DROP CONSTRAINT subscriber_notes_body_sealed; ALTER TABLE messages DROP CONSTRAINT messages_body_sealed`);
      await tx.query(`INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body) VALUES ($1, $2, 'user', $3, $4)`, [t!.id, s!.id, u!.id, `Old note ${tag}`]);
      await tx.query(`INSERT INTO messages (tenant_id, subscriber_id, channel, direction, body) VALUES ($1, $2, 'zalo', 'inbound', $3)`, [t!.id, s!.id, `Old message ${tag}`]);
      await tx.exec(`ALTER TABLE subscriber_notes ADD CONSTRAINT subscriber_notes_body_sealed CHECK (body LIKE 'enc:v1:%') NOT VALID;
        ALTER TABLE messages ADD CONSTRAINT messages_body_sealed CHECK (body LIKE 'enc:v1:%') NOT VALID`);
      return t!.id;
    });
    expect(await resealLegacyRows(h().ctx)).toBeGreaterThanOrEqual(5);
    expect(await resealLegacyRows(h().ctx)).toBe(0);
    for (const [table, text] of await rawTables(h())) {
      for (const x of [email, `Old Name ${tag}`, `Old Shop ${tag}`, subEmail, `Old Sub ${tag}`, `Old note ${tag}`, `Old message ${tag}`]) expect(text, table).not.toContain(x);
    }
    // From now on the database itself refuses a clear body.
    await expect(inPlatform(h().ctx.db, (tx) => tx.query(`INSERT INTO messages (tenant_id, channel, direction, body) VALUES ($1, 'zalo', 'inbound', 'clear text')`, [tenantId])))
      .rejects.toThrow(/messages_body_sealed/);
    expect((await post(h(), '/api/auth/sign-in', { email, password: PASSWORD })).json().user).toMatchObject({ email, name: `Old Name ${tag}` });
    expect((await post(h(), `/api/privacy-center/${tenantId}/sign-in`, { email: subEmail })).statusCode).toBe(202);
    await waitForMail(h(), subEmail);
    expect(await mailTo(h(), subEmail)).toHaveLength(1);
  });
});
