import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/boot.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db, StoreKind } from '../../src/db/index.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createLogger } from '../../src/log.ts';
import { publishInitialPolicies } from '../../src/policies/initial.ts';

const PG_ADMIN_URL = process.env.PLEDGE_TEST_PG_URL;

/** The stores every storage and API test runs on. PostgreSQL is required under CI. */
export function testStores(): StoreKind[] {
  if (PG_ADMIN_URL) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('PLEDGE_TEST_PG_URL is not set: run the suite through `npm test`');
  return ['pglite'];
}

/** A fresh, empty database of the given kind: in-memory PGlite or a new database on the test cluster. */
export async function freshDb(kind: StoreKind): Promise<Db> {
  if (kind === 'pglite') return openPglite(undefined);
  return (await freshPostgres()).db;
}

/** A new database on the test cluster, with its URL for server processes a test starts. */
export async function freshPostgres(): Promise<{ url: string; db: Db }> {
  const name = `pledge_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // The application role and its grant are cluster-wide while the migration lock is per database:
  // two first boots on a new cluster would race to make them. Made here, whoever comes first.
  await admin.query(`DO $$ BEGIN CREATE ROLE pledge_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  await admin.query(`DO $$ BEGIN GRANT pledge_app TO CURRENT_USER; EXCEPTION WHEN unique_violation THEN NULL; END $$`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), db: await openPostgres(url.toString(), 5) };
}

/** Log lines of the app under test, kept so tests can assert nothing personal was written. */
export type LogSink = { lines: string[] };

export type Harness = {
  kind: StoreKind;
  ctx: AppContext;
  app: App;
  logs: LogSink;
};

/** Boots a full app (migrations, initial policies) on a fresh database of `kind`. */
export async function bootHarness(kind: StoreKind, env: Record<string, string> = {}, opts: { db?: Db } = {}): Promise<Harness> {
  const logs: LogSink = { lines: [] };
  const log = createLogger('info', { write: (line: string) => void logs.lines.push(line) });
  // Tests read mail through the dev mailbox, which must be switched on explicitly (as `npm start` does).
  const config = loadConfig({ PLEDGE_SECRET: randomBytes(32).toString('hex'), DATA_DIR: '/nonexistent', RATE_LIMIT_PER_MINUTE: '100000', DEV_MAILBOX: env.SMTP_URL ? '0' : '1', ...env });
  const ctx = await createContext(config, { db: opts.db ?? (await freshDb(kind)), log });
  await publishInitialPolicies(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  return { kind, ctx, app, logs };
}

/**
 * Runs `fn` once per store, each with its own booted app: `describe` titles name the store,
 * so a failure says which driver broke.
 */
export function describeEachStore(title: string, fn: (h: () => Harness) => void, env: Record<string, string> = {}): void {
  for (const kind of testStores()) {
    describe(`${title} (${kind})`, () => {
      let h: Harness | undefined;
      beforeAll(async () => {
        h = await bootHarness(kind, env);
      });
      afterAll(async () => {
        await h?.app.close();
        await h?.ctx.db.close();
      });
      fn(() => {
        if (!h) throw new Error('harness not booted');
        return h;
      });
    });
  }
}
