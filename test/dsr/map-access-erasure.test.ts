import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { PERSONAL_COLUMNS, type PersonalColumn } from '../../src/domain/registry.ts';
import { SUBJECT_TABLES, type SubjectTable } from '../../src/domain/subject-map.ts';
import { collectSubjectData, LIVE_MAP, type DataMap, type SubjectExport } from '../../src/dsr/access.ts';
import { eraseSubject } from '../../src/dsr/erase.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { publishNotice } from '../consents/support.ts';
import { waitForMail } from '../accounts/support.ts';
import { mailTo } from '../sealing/support.ts';

/** A Subscriber as a shop's bot and staff make one: created, noted, messaged, consented, restricted. */
async function busySubscriber(h: Harness, m: Merchant, v: { name: string; email: string; note: string; message: string; reason: string }) {
  const post = (url: string, payload: object) => h.app.inject({ method: 'POST', url, headers: m.headers, payload });
  const sub = await post('/api/subscribers', { channel: 'zalo', externalId: `zalo-${randomUUID()}`, displayName: v.name, email: v.email, phone: '0912 345 678', source: 'channel:zalo', legalBasis: 'consent' });
  expect(sub.statusCode, sub.body).toBe(201);
  const id = sub.json().id as string;
  expect((await post(`/api/subscribers/${id}/notes`, { text: v.note })).statusCode).toBe(201);
  expect((await post('/api/messages/inbound', { channel: 'zalo', subscriberId: id, text: v.message })).statusCode).toBe(201);
  const notice = await publishNotice(h, m, { purposes: ['contact'], marketing: true });
  const c = await post(`/api/subjects/subscriber/${id}/consents`, { purpose: 'contact', given: true, noticeId: notice.id, method: 'bot_keyword', evidence: `zalo-msg: ${v.reason}`, marketing: true });
  expect(c.statusCode, c.body).toBe(201);
  const r = await post(`/api/subjects/subscriber/${id}/restrictions`, { kind: 'objection', purpose: 'research', reason: v.reason });
  expect(r.statusCode, r.body).toBe(201);
  return id;
}

const values = () => {
  const tag = randomUUID().slice(0, 6);
  return { name: `Đỗ Thị Hạnh ${tag}`, email: `hanh-${tag}@mail.example`, note: `Chị Hạnh ${tag} thích lan hồ điệp`, message: `Shop ơi ${tag} còn lan không`, reason: `không muốn nhận tin ${tag}` };
};

const fieldsOf = (x: SubjectExport, table: string) => x.tables.find((t) => t.table === table)?.records.flatMap((r) => r.fields) ?? [];
const rawText = async (h: Harness) => {
  const tables = await h.ctx.db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  const parts: string[] = [];
  for (const { t } of tables) parts.push(JSON.stringify(await h.ctx.db.query(`SELECT * FROM ${t}`)));
  return parts.join('\n');
};

describeEachStore('a subject\'s data, found and erased from the subject map (C31, C33)', (h) => {
  const deps = (tx: Parameters<Parameters<typeof inPlatform>[1]>[0]) => ({ tx, ring: keyringFor(h().ctx.config), keys: h().ctx.keys });

  it('[C31][C01] the export holds every value the shop stored about the Subscriber, opened, with its category and source, and no pseudonyms', async () => {
    const m = await createMerchant(h());
    const v = values();
    const id = await busySubscriber(h(), m, v);
    const x = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), { type: 'subscriber', id, tenantId: m.tenantId }));
    const sub = fieldsOf(x, 'subscribers');
    expect(sub).toContainEqual({ column: 'display_name', value: v.name, categories: ['user.name'], source: 'channel:zalo' });
    expect(sub.find((f) => f.column === 'email')?.value).toBe(v.email);
    expect(fieldsOf(x, 'subscriber_notes').map((f) => f.value)).toContain(v.note);
    expect(fieldsOf(x, 'messages').map((f) => f.value)).toContain(v.message);
    expect(fieldsOf(x, 'consent_records').find((f) => f.column === 'evidence')?.value).toBe(`zalo-msg: ${v.reason}`);
    expect(fieldsOf(x, 'processing_restrictions').find((f) => f.column === 'reason')?.value).toBe(v.reason);
    // Blind indexes, hashes and keys identify, they tell the person nothing.
    const columns = x.tables.flatMap((t) => t.records.flatMap((r) => r.fields.map((f) => f.column)));
    expect(columns.filter((c) => /_bidx$|_hash$|wrapped_key/.test(c))).toEqual([]);
    expect(JSON.stringify(x)).not.toMatch(/enc:v1:|"v1\./);
    expect(x.tables.every((t) => t.records.every((r) => r.collectedAt !== null))).toBe(true);
  });

  it('[C33][C30] erasure removes the Subscriber from every table, keeps the ledger rows with their ground, and leaves another shop\'s namesake alone', async () => {
    const m = await createMerchant(h());
    const other = await createMerchant(h());
    const v = values();
    const id = await busySubscriber(h(), m, v);
    const namesake = await busySubscriber(h(), other, { ...v, note: `${v.note} (other shop)`, reason: `lý do khác ${randomUUID().slice(0, 6)}` });
    const ledger = async () => (await h().ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_records WHERE subject_id = $1', [id]))[0]!.n;
    const kept = await ledger();

    const report = await inPlatform(h().ctx.db, (tx) => eraseSubject(deps(tx), { type: 'subscriber', id, tenantId: m.tenantId }));
    expect(report.tables).toEqual(expect.arrayContaining([
      expect.objectContaining({ table: 'subscribers', action: 'delete_row', rows: 1 }),
      expect.objectContaining({ table: 'subscriber_notes', action: 'delete_row', rows: 1 }),
      expect.objectContaining({ table: 'consent_records', action: 'retain', clause: 'C22', period: 'P3Y' }),
    ]));
    // What was kept is the record that consent was given, not the person's words.
    expect(await ledger()).toBe(kept);
    // Raw, as the database owner: no row of theirs is left but the ledger's, and those hold no words of theirs.
    const raw = async (sql: string) => (await h().ctx.db.query<{ n: number }>(sql, [id]))[0]!.n;
    expect(await raw('SELECT count(*)::int AS n FROM subscribers WHERE id = $1')).toBe(0);
    expect(await raw('SELECT (SELECT count(*) FROM subscriber_notes WHERE subscriber_id = $1) + (SELECT count(*) FROM messages WHERE subscriber_id = $1) + (SELECT count(*) FROM subject_keys WHERE subject_id = $1) AS n')).toBe(0);
    expect(await raw('SELECT count(*)::int AS n FROM consent_records WHERE subject_id = $1 AND evidence IS NOT NULL')).toBe(0);
    expect(await raw('SELECT count(*)::int AS n FROM processing_restrictions WHERE subject_id = $1 AND reason IS NOT NULL')).toBe(0);
    expect(await rawText(h())).not.toContain(v.reason);
    const left = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), { type: 'subscriber', id, tenantId: m.tenantId }));
    expect(JSON.stringify(left)).not.toContain(v.reason);
    expect(fieldsOf(left, 'subscribers')).toEqual([]);
    const theirs = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), { type: 'subscriber', id: namesake, tenantId: other.tenantId }));
    expect(fieldsOf(theirs, 'subscriber_notes').map((f) => f.value)).toContain(`${v.note} (other shop)`);
    expect(fieldsOf(theirs, 'subscribers').find((f) => f.column === 'email')?.value).toBe(v.email);
  });

  it('[C33] a newly declared table is exported and erased with no change to the request code', async () => {
    const m = await createMerchant(h());
    const v = values();
    const id = await busySubscriber(h(), m, v);
    const table = `loyalty_cards_${randomUUID().slice(0, 8)}`;
    await h().ctx.db.exec(`CREATE TABLE ${table} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL, subscriber_id uuid NOT NULL, favourite text, created_at timestamptz NOT NULL DEFAULT now())`);
    await h().ctx.db.query(`INSERT INTO ${table} (tenant_id, subscriber_id, favourite) VALUES ($1, $2, $3)`, [m.tenantId, id, `hoa lan ${v.name}`]);
    // Declared as any table would be: a registry column and a subject-map entry.
    const column: PersonalColumn = { ...PERSONAL_COLUMNS.find((c) => c.table === 'subscriber_notes' && c.column === 'body')!, table, column: 'favourite', atRest: { kind: 'clear' } };
    const entry: SubjectTable = { table, subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: { action: 'delete_row' } };
    const map: DataMap = { tables: [...SUBJECT_TABLES, entry], columns: [...LIVE_MAP.columns, column] };
    const subject = { type: 'subscriber' as const, id, tenantId: m.tenantId };

    const x = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), subject, {}, map));
    expect(fieldsOf(x, table).find((f) => f.column === 'favourite')?.value).toBe(`hoa lan ${v.name}`);
    const report = await inPlatform(h().ctx.db, (tx) => eraseSubject(deps(tx), subject, {}, map));
    expect(report.tables).toContainEqual(expect.objectContaining({ table, action: 'delete_row', rows: 1 }));
    expect((await h().ctx.db.query(`SELECT 1 FROM ${table}`)).length).toBe(0);
    await h().ctx.db.exec(`DROP TABLE ${table}`);
  });

  it('[C31][C34] a Subscriber signs in to the privacy center and downloads everything the shop holds about them, even while objecting', async () => {
    const m = await createMerchant(h());
    const v = values();
    const id = await busySubscriber(h(), m, v);
    const neighbour = values();
    await busySubscriber(h(), m, neighbour);
    expect((await h().app.inject({ method: 'POST', url: `/api/privacy-center/${m.tenantId}/sign-in`, payload: { email: v.email } })).statusCode).toBe(202);
    await waitForMail(h(), v.email);
    const token = /token=([A-Za-z0-9_-]+)/.exec((await mailTo(h(), v.email))[0]!.text)![1];
    const s = await h().app.inject({ method: 'POST', url: '/api/privacy-center/session', payload: { token } });
    const cookie = String(s.headers['set-cookie']).split(';')[0]!;

    const res = await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/export', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"/);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const x = res.json() as SubjectExport;
    expect(x.subject).toEqual({ type: 'subscriber', id });
    expect(fieldsOf(x, 'subscribers').find((f) => f.column === 'display_name')).toMatchObject({ value: v.name, source: 'channel:zalo' });
    expect(fieldsOf(x, 'subscriber_notes').map((f) => f.value)).toContain(v.note);
    // The sign-in link they were mailed is theirs too; the shop's other people are not in it.
    expect(fieldsOf(x, 'outbox').map((f) => f.value)).toContain(v.email);
    for (const theirs of [neighbour.name, neighbour.note, neighbour.email]) expect(JSON.stringify(x)).not.toContain(theirs);
    const audited = await h().ctx.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'dsr.exported' AND target_id = $1", [id]);
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(v.name);
    // Without a session there is nothing to download.
    expect((await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/export' })).statusCode).toBe(401);
  });
});
