import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.ts';
import { migrate } from '../../src/db/migrate.ts';
import { runCli } from '../cli/run.ts';
import type { ScanReport } from '../../src/scan/index.ts';
import { loadConfig } from '../../src/config.ts';
import { keyringFor, sealColumn } from '../../src/crypto/envelope.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Plant = (
  q: (sql: string, p: unknown[]) => Promise<unknown>,
  ids: { tenantId: string; subscriberId: string },
  /** Seals a value for a column under the tenant's data key, with the keys the CLI will use. */
  seal: (column: string, clear: string) => Promise<string>,
) => Promise<void>;

/** A fresh embedded store under a temp DATA_DIR with one tenant and one Subscriber, plus `plant`. */
async function freshDataDir(plant: Plant): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-scan-'));
  dirs.push(dir);
  const db = await openPglite(join(dir, 'pglite'));
  await migrate(db);
  const [t] = await db.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('Shop Hoa Mai') RETURNING id");
  const [s] = await db.query<{ id: string }>(
    "INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis) VALUES ($1, 'zalo', 'Trần Thị Thảo', 'channel:zalo', 'consent') RETURNING id",
    [t!.id],
  );
  const ring = keyringFor(loadConfig({ DATA_DIR: dir }));
  await plant((sql, p) => db.query(sql, p), { tenantId: t!.id, subscriberId: s!.id }, (column, clear) => sealColumn(db, ring, t!.id, column, clear));
  await db.close();
  return dir;
}

const find = (r: ScanReport, table: string, column: string) => r.columns.find((c) => c.table === table && c.column === column);

describe('pledge scan (real CLI, embedded store)', () => {
  it('[C02] the scanner finds a planted card number in a fresh database and exits non-zero', async () => {
    const dir = await freshDataDir(async (q, ids) => {
      // Planted past every guard, the way a careless import or a bug would.
      await q("INSERT INTO buyers (tenant_id, name, address, source) VALUES ($1, 'Lê Văn Nam', 'thẻ 4111 1111 1111 1111', 'import:csv')", [ids.tenantId]);
      // A blind index whose hex happens to hold a Luhn-valid run is a digest, not a card.
      await q("UPDATE buyers SET email_bidx = $1 WHERE tenant_id = $2", ['ab4111111111111111'.padEnd(64, 'c'), ids.tenantId]);
    });
    const r = await runCli(['scan', '--json'], { DATA_DIR: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.cardsFound).toBe(1);
    expect(find(report, 'buyers', 'address')?.findings).toContainEqual({ type: 'CARD', values: 1, status: 'UNDECLARED' });
    // Counts and names only: the value never leaves the scanner.
    expect(r.stdout + r.stderr).not.toMatch(/4111|Lê Văn Nam|Trần Thị Thảo/);
    const text = await runCli(['scan'], { DATA_DIR: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/buyers\.address \(1 sampled\): .*CARD 1 UNDECLARED/);
  }, 120_000);

  it('[C06] Thảo runs `pledge scan` and learns that a notes column holds phone numbers it never declared', async () => {
    const dir = await freshDataDir(async (q, ids, seal) => {
      // Notes are sealed at rest (C07): the scan opens them with the store's keys to look inside.
      for (const note of ['Khách hẹn gọi lại số 0912 345 678 chiều nay', 'Gọi 0987.654.321 trước khi giao', 'Khách quen, thích màu xanh']) {
        await q("INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body) VALUES ($1, $2, 'user', $1, $3)", [ids.tenantId, ids.subscriberId, await seal('subscriber_notes.body', note)]);
      }
    });
    const r = await runCli(['scan', '--sample', '50'], { DATA_DIR: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/subscriber_notes\.body \(3 sampled, 3 opened\): PHONE 2 UNDECLARED/);
    expect(r.stdout).toMatch(/subscribers\.display_name \(1 sampled\): PERSON 1 declared/);
    expect(r.stdout).not.toMatch(/0912|0987/);
    expect((await runCli(['scan', '--help'])).stdout).toMatch(/Exit codes: 0 .*\n?.*1 a Luhn-valid card number/);
  }, 120_000);
});
