import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.ts';
import { runCli } from '../cli/run.ts';

describe('pledge audit verify (the real CLI on an embedded store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-audit-cli-'));
  const env = { DATA_DIR: dir, PLEDGE_NO_DEMO: '0' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an intact log after seeding, then exits 1 and names the entry edited behind its back', async () => {
    const seed = await runCli(['seed', 'demo'], env);
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('seeded "Shop Hoa Mai"');

    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/\d+ entries in 1 chains: intact/);

    // Someone with direct access to the data files edits an entry (after the CLI has exited).
    const db = await openPglite(join(dir, 'pglite'));
    const [row] = await db.query<{ seq: number }>("SELECT seq FROM audit_log WHERE chain = 'platform' AND action = 'demo.seeded'");
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query(`UPDATE audit_log SET details = '{"note": "nothing happened"}' WHERE chain = 'platform' AND seq = $1`, [row!.seq]);
    await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await db.close();

    const bad = await runCli(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`chain platform seq ${row!.seq}: hash_mismatch`);
    expect(bad.stdout).toMatch(/: 1 problems$/m);
  }, 600_000);

  it('exits 1 when the newest platform entries are cut off and the head moved back to the new last entry', async () => {
    const db = await openPglite(join(dir, 'pglite'));
    const [last] = await db.query<{ seq: number }>("SELECT max(seq)::int AS seq FROM audit_log WHERE chain = 'platform'");
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query("DELETE FROM audit_log WHERE chain = 'platform' AND seq = $1", [last!.seq]);
    await db.query(
      "UPDATE audit_heads SET seq = $1, hash = (SELECT hash FROM audit_log WHERE chain = 'platform' AND seq = $1) WHERE chain = 'platform'",
      [last!.seq - 1],
    );
    await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await db.close();
    const bad = await runCli(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`chain platform seq ${last!.seq - 1}: head_signature_invalid`);
  }, 600_000);
});
