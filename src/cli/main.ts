import { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { registerDetectCommand } from './detect.ts';

// Commands import what they run only when they run, so `pledge --help` answers at once
// instead of first loading the database drivers and the web server.

const program = new Command('pledge').description('Pledge: the executable privacy policy').showHelpAfterError();

/** A quiet context for one-shot commands: logs go to stderr only when something is wrong. */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const { createContext } = await import('../app/boot.ts');
  const ctx = await createContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

program
  .command('serve')
  .description('Run the HTTP server and background jobs (embedded store unless DATABASE_URL is set)')
  .action(async () => {
    const config = loadConfig();
    const { serve } = await import('../app/server.ts');
    await serve(config);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and print the schema version')
  .action(() => withContext(async (ctx) => console.log(`schema version ${ctx.schemaVersion} (${ctx.db.kind})`)));

program
  .command('seed')
  .description('Seed data; the only set is "demo"')
  .argument('<set>', 'which data set', (v) => {
    if (v !== 'demo') throw new Error('the only seed set is "demo"');
    return v;
  })
  .action(() =>
    withContext(async (ctx) => {
      const { seedDemo } = await import('../seed/demo.ts');
      const r = await seedDemo(ctx);
      console.log(r.created ? `seeded "${r.tenantName}": ${r.login.email} / ${r.login.password}` : `"${r.tenantName}" already exists`);
    }),
  );

const audit = program.command('audit').description('Audit log tools');
audit
  .command('verify')
  .description('Check every hash chain of the audit log; exits 1 on an edited, inserted or deleted entry')
  .action(() =>
    withContext(async (ctx) => {
      const { verifyAuditLog } = await import('../audit/log.ts');
      const r = await verifyAuditLog(ctx.db, ctx.keys.audit);
      for (const p of r.problems) console.log(`chain ${p.chain} seq ${p.seq}: ${p.problem}`);
      console.log(`${r.entries} entries in ${r.chains} chains: ${r.problems.length ? `${r.problems.length} problems` : 'intact'}`);
      if (r.problems.length) process.exitCode = 1;
    }),
  );

program
  .command('clauses')
  .description('Print every policy clause with the tests that prove it; exits 1 if a declared clause has no passing test')
  .option('--results <file>', 'vitest JSON results', 'reports/test-results.json')
  .action(async (opts: { results: string }) => {
    const { runClausesReport } = await import('./clauses.ts');
    process.exitCode = runClausesReport(opts.results, console.log);
  });

registerDetectCommand(program);

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err instanceof Error ? `${err.name}: ${err.message}` : 'failed');
  process.exit(1);
});
