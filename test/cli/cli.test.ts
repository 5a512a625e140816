import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/db/migrate.ts';
import { runCli } from './run.ts';

const COMMANDS: Array<[string[], RegExp]> = [
  [['serve'], /Run the HTTP server/],
  [['migrate'], /Apply pending database migrations/],
  [['seed'], /Seed data.*demo/s],
  [['audit'], /Audit log tools/],
  [['audit', 'verify'], /Check every hash chain of the audit log/],
  [['clauses'], /policy clause.*--results <file>/s],
  [['detect'], /personal data/i],
];

// Each case starts Node and tsx afresh (and migrate a new embedded store): slow on a busy machine.
describe('pledge CLI', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pledge --help lists every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: pledge');
    for (const name of ['serve', 'migrate', 'seed', 'audit', 'clauses', 'detect']) expect(r.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  it('each subcommand describes itself with --help and exits 0 without doing anything', async () => {
    const runs = await Promise.all(COMMANDS.map(([args]) => runCli([...args, '--help'], { DATA_DIR: join(dir, 'untouched') })));
    runs.forEach((r, i) => {
      const [args, description] = COMMANDS[i]!;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(`Usage: pledge ${args.join(' ')}`);
      expect(r.stdout, args.join(' ')).toMatch(description);
    });
    // Help opened no store and wrote no secret.
    expect(existsSync(join(dir, 'untouched'))).toBe(false);
  }, 300_000);

  it('an unknown command or seed set fails with a message and a non-zero exit', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const seed = await runCli(['seed', 'everything'], { DATA_DIR: join(dir, 'untouched') });
    expect(seed.code).not.toBe(0);
    expect(seed.stderr).toContain('the only seed set is "demo"');
    expect(existsSync(join(dir, 'untouched'))).toBe(false);
  });

  it('migrate applies the migrations to a new embedded store and prints the schema version', async () => {
    const latest = listMigrations().at(-1)!.version;
    const r = await runCli(['migrate'], { DATA_DIR: join(dir, 'fresh') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`schema version ${latest} (pglite)`);
    const again = await runCli(['migrate'], { DATA_DIR: join(dir, 'fresh') });
    expect(again.stdout.trim()).toBe(`schema version ${latest} (pglite)`);
  }, 300_000);
});
