// Shared start-up of the bench servers: a fresh database (or a fresh embedded store), the real
// context with migrations and the initial policies.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/boot.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { publishInitialPolicies } from '../../src/policies/initial.ts';
import { createNotice } from '../../src/consents/index.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';

/** A fresh database on the bench cluster, so every run starts from the same empty state. */
export async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `pledge_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** PostgreSQL when BENCH_DATABASE_URL is set (a fresh database on it), else a file-backed PGlite. */
export async function bootBenchContext(env: Record<string, string> = {}): Promise<AppContext> {
  const url = process.env.BENCH_DATABASE_URL ? await freshDatabase(process.env.BENCH_DATABASE_URL) : undefined;
  const config = loadConfig({
    PLEDGE_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-bench-')),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...(url ? { DATABASE_URL: url } : {}),
    ...env,
  });
  const ctx = await createContext(config);
  await publishInitialPolicies(ctx);
  return ctx;
}

/** A merchant that has accepted the current policies, with an agent API key. */
export async function createBenchMerchant(ctx: AppContext, n: number): Promise<{ tenantId: string; userId: string; key: string }> {
  return inPlatform(ctx.db, async (tx) => {
    const [t] = await tx.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [`Bench Shop ${n}`]);
    const [u] = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, company, billing_address, password_hash, email_verified_at, adult_confirmed_at)
       VALUES ($1, 'Bench', 'Bench Shop', '1 Bench St', 'x', now(), now()) RETURNING id`,
      [`bench${n}@shop.example`],
    );
    await tx.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [t!.id, u!.id]);
    await tx.query(
      `INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method)
       SELECT $1, p.version, p.content_hash, t.version, t.content_hash, 'api'
         FROM policy_versions p, policy_versions t WHERE p.kind = 'privacy' AND t.kind = 'terms'`,
      [u!.id],
    );
    const k = await createApiKey(tx, { tenantId: t!.id, userId: u!.id, name: 'bench', role: 'agent' });
    return { tenantId: t!.id, userId: u!.id, key: k.key };
  });
}

/** A merchant (as above) with `subscribers` Subscribers and a published notice for marketing contact: what consents are recorded against. */
export async function createConsentMerchant(ctx: AppContext, n: number, subscribers: number): Promise<{ apiKey: string; noticeId: string; subscriberIds: string[] }> {
  const { tenantId, key, userId } = await createBenchMerchant(ctx, n);
  return inTenant(ctx.db, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis)
       SELECT $1, 'zalo', 'Khách ' || g, 'channel:zalo', 'consent' FROM generate_series(1, $2) g RETURNING id`,
      [tenantId, subscribers],
    );
    const notice = await createNotice({ tx, auditKey: ctx.keys.audit }, { type: 'user', id: userId }, tenantId, {
      slug: 'zalo-offers', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi qua Zalo.',
    });
    return { apiKey: key, subscriberIds: rows.map((r) => r.id), noticeId: notice.id };
  });
}
