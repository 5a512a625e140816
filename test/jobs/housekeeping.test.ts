import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { PURGE_BATCH } from '../../src/jobs/housekeeping.ts';

const count = async (h: Harness, sql: string, params: unknown[] = []) => (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

/** What the purge audit entries say: the kind and a count, and nothing else. */
async function purgeAudits(h: Harness, kind: string) {
  const rows = await h.ctx.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'housekeeping.purged' AND details->>'kind' = $1`, [kind]);
  for (const r of rows) expect(Object.keys(r.details).sort()).toEqual(['kind', 'rows']);
  return rows.reduce((n, r) => n + Number(r.details.rows), 0);
}

const past = "now() - interval '1 minute'";
const future = "now() + interval '1 hour'";

describeEachStore('housekeeping jobs purge what has expired', (h) => {
  let m: Merchant;
  it('sets up a merchant', async () => {
    m = await createMerchant(h());
  });

  it('expired idempotency keys (their stored answers hold personal data) are purged after 24 hours, live ones kept', async () => {
    const insert = (key: string, expires: string) => h().ctx.db.query(
      `INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, response_status, response_body, expires_at) VALUES ($1, 'test', $2, 'h', 201, '{"name":"Lan"}', ${expires})`, [m.tenantId, key]);
    await insert('old', past);
    await insert('fresh', future);
    // The default expiry is the 24 hours the API promises.
    await h().ctx.db.query(`INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, response_status) VALUES ($1, 'test', 'default', 'h', 201)`, [m.tenantId]);
    await runJob(h(), 'purge-idempotency-keys');
    expect((await h().ctx.db.query<{ key: string }>(`SELECT key FROM idempotency_keys WHERE scope = 'test' ORDER BY key`)).map((r) => r.key)).toEqual(['default', 'fresh']);
    const [d] = await h().ctx.db.query<{ hours: number }>(`SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM idempotency_keys WHERE key = 'default'`);
    expect(d!.hours).toBe(24);
    expect(await purgeAudits(h(), 'idempotency_keys')).toBe(1);
  });

  it('expired e-mail verification tokens are purged, live ones kept', async () => {
    await h().ctx.db.query(`INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $3, 'verify_email', ${past}), ($2, $3, 'verify_email', ${future})`,
      [`old-${randomUUID()}`, `new-${randomUUID()}`, m.userId]);
    const before = await count(h(), 'email_tokens WHERE user_id = $1', [m.userId]);
    await runJob(h(), 'purge-tokens');
    expect(await count(h(), 'email_tokens WHERE user_id = $1 AND expires_at < now()', [m.userId])).toBe(0);
    expect(await count(h(), 'email_tokens WHERE user_id = $1', [m.userId])).toBe(before - 1);
    expect(await purgeAudits(h(), 'email_tokens')).toBeGreaterThanOrEqual(1);
  });

  it('expired privacy-center link tokens are purged, live ones kept', async () => {
    await h().ctx.db.query(
      `INSERT INTO subject_link_tokens (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $3, 'subscriber', $4, ${past}), ($2, $3, 'subscriber', $4, ${future})`,
      [`old-${randomUUID()}`, `new-${randomUUID()}`, m.tenantId, randomUUID()]);
    await runJob(h(), 'purge-tokens');
    expect(await count(h(), 'subject_link_tokens WHERE expires_at < now()')).toBe(0);
    expect(await count(h(), 'subject_link_tokens')).toBe(1);
    expect(await purgeAudits(h(), 'subject_link_tokens')).toBe(1);
  });

  it('expired sessions of users, staff and privacy-center subjects are purged; a signed-in merchant stays signed in', async () => {
    await h().ctx.db.query(`INSERT INTO sessions (token_hash, realm, principal_id, expires_at) VALUES ($1, 'customer', $3, ${past}), ($2, 'staff', $3, ${past})`,
      [`old-${randomUUID()}`, `old-${randomUUID()}`, randomUUID()]);
    await h().ctx.db.query(`INSERT INTO subject_sessions (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'buyer', $3, ${past})`,
      [`old-${randomUUID()}`, m.tenantId, randomUUID()]);
    await runJob(h(), 'expire-sessions');
    expect(await count(h(), 'sessions WHERE expires_at < now()')).toBe(0);
    expect(await count(h(), 'subject_sessions WHERE expires_at < now()')).toBe(0);
    expect(await purgeAudits(h(), 'sessions')).toBe(2);
    expect(await purgeAudits(h(), 'subject_sessions')).toBe(1);
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: m.headers })).statusCode).toBe(200);
  });

  it('delivered mail is purged after MAIL_RETENTION_DAYS; unsent and recent mail stays', async () => {
    const days = h().ctx.config.mailRetentionDays;
    const insert = (sent: string | null) => h().ctx.db.query(
      `INSERT INTO outbox (kind, to_address, subject, body_text, recipient_type, sent_at, attempts) VALUES ('verify_email', 'v1.x', 'v1.x', 'v1.x', 'customer', ${sent ?? 'NULL'}, 1)`);
    await insert(`now() - make_interval(days => ${days + 1})`);
    await insert(`now() - make_interval(days => ${days - 1})`);
    await insert(null);
    const before = await count(h(), 'outbox');
    await runJob(h(), 'purge-delivered-mail');
    expect(await count(h(), 'outbox')).toBe(before - 1);
    expect(await count(h(), `outbox WHERE sent_at < now() - make_interval(days => $1)`, [days])).toBe(0);
    expect(await purgeAudits(h(), 'outbox.sent')).toBe(1);
  });

  it('a purge deletes in batches, each audited with its count, and a second run finds nothing left', async () => {
    const n = PURGE_BATCH + 7;
    await h().ctx.db.query(
      `INSERT INTO sessions (token_hash, realm, principal_id, expires_at) SELECT 'bulk-' || i, 'customer', gen_random_uuid(), ${past} FROM generate_series(1, ${n}) i`);
    const audited = await purgeAudits(h(), 'sessions');
    await runJob(h(), 'expire-sessions');
    expect(await count(h(), `sessions WHERE token_hash LIKE 'bulk-%'`)).toBe(0);
    const entries = await h().ctx.db.query<{ rows: number }>(`SELECT (details->>'rows')::int AS rows FROM audit_log WHERE action = 'housekeeping.purged' AND details->>'kind' = 'sessions' ORDER BY seq DESC LIMIT 2`);
    expect(entries.map((e) => e.rows).sort((a, b) => a - b)).toEqual([7, PURGE_BATCH]);
    expect(await purgeAudits(h(), 'sessions')).toBe(audited + n);
    await runJob(h(), 'expire-sessions');
    expect(await purgeAudits(h(), 'sessions')).toBe(audited + n);
  });
});
