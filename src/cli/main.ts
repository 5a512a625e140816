import { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { registerDetectCommand } from './detect.ts';
import { registerRequestsCommand } from './requests.ts';

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
  .option('--role <role>', 'web: HTTP only; worker: jobs and schedules only; all: both', (v) => {
    if (v !== 'web' && v !== 'worker' && v !== 'all') throw new Error('--role must be web, worker or all');
    return v;
  }, 'all')
  .action(async (opts: { role: 'web' | 'worker' | 'all' }) => {
    const config = loadConfig();
    const { serve } = await import('../app/server.ts');
    await serve(config, opts.role);
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
  .description('Check every hash chain of the audit log and its signed head; exits 1 on an edited, inserted or deleted entry, a cut-off tail or a missing chain')
  .option('--adopt-unsigned-heads', 'once after upgrading: sign the heads written before heads were signed, where their chain is otherwise intact')
  .action((opts: { adoptUnsignedHeads?: boolean }) =>
    withContext(async (ctx) => {
      const { adoptUnsignedHeads, verifyAuditLog } = await import('../audit/log.ts');
      if (opts.adoptUnsignedHeads) {
        const a = await adoptUnsignedHeads(ctx.db, ctx.keys.audit);
        console.log(`signed ${a.adopted.length} unsigned heads${a.refused.length ? `; refused ${a.refused.length} whose chain is broken: ${a.refused.join(', ')}` : ''}`);
      }
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

const retention = program.command('retention').description('Retention rules (C36)');
retention
  .command('plan')
  .description('Print every retention rule with its period, start, citation, and the rows its purge would delete now (counts, never values)')
  .option('--json', 'print the plan as JSON')
  .action((opts: { json?: boolean }) =>
    withContext(async (ctx) => {
      const { retentionPlan, formatPlan } = await import('../retention/plan.ts');
      const plan = await retentionPlan(ctx.db, ctx.config);
      console.log(opts.json ? JSON.stringify(plan.map(({ purge: _p, ...line }) => line)) : formatPlan(plan, ctx.config));
    }),
  );

program
  .command('records')
  .description('Write the records of processing (GDPR Art 30, Decree 356/2025 dossier), generated from the declarations (C39)')
  .option('--lang <lang>', 'vi or en', 'vi')
  .option('--format <format>', 'html, pdf or json', 'html')
  .option('--out <file>', 'write to this file instead of standard output')
  .action((opts: { lang: string; format: string; out?: string }) =>
    withContext(async (ctx) => {
      if (!['vi', 'en'].includes(opts.lang) || !['html', 'pdf', 'json'].includes(opts.format)) {
        console.error('--lang is vi or en; --format is html, pdf or json');
        process.exitCode = 2;
        return;
      }
      const { currentRecords } = await import('../records/index.ts');
      const doc = await currentRecords(ctx.db, { name: 'ECOMKEY', contact: ctx.config.mailFrom });
      const lang = opts.lang as 'vi' | 'en';
      let out: string | Buffer = JSON.stringify(doc, null, 2);
      if (opts.format !== 'json') {
        const { renderRecordsHtml } = await import('../records/page.tsx');
        out = renderRecordsHtml({ doc, lang, generatedAt: new Date() });
        if (opts.format === 'pdf') out = await (await import('../records/pdf.ts')).htmlToPdf(out);
      }
      if (opts.out) (await import('node:fs')).writeFileSync(opts.out, out);
      else process.stdout.write(out);
    }),
  );

const keys = program.command('keys').description('Encryption-at-rest keys');
keys
  .command('rotate')
  .description('Rewrap every data key under the newest key-encryption key (PLEDGE_KEK_K<n>) and issue new data keys; servers keep running')
  .option('--rewrap-only', 'only rewrap existing data keys under the newest KEK')
  .action((opts: { rewrapOnly?: boolean }) =>
    withContext(async (ctx) => {
      const { keyringFor, rotateKeys } = await import('../crypto/envelope.ts');
      const r = await rotateKeys(ctx.db, keyringFor(ctx.config), { rewrapOnly: opts.rewrapOnly ?? false });
      console.log(`rewrapped ${r.rewrapped} data keys under ${r.kek}; issued ${r.issued} new data keys`);
    }),
  );

program
  .command('scan')
  .description('Sample every text column of the database for personal data (counts and column names, never values)')
  .option('--sample <n>', 'rows sampled per column', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error('--sample must be a positive integer');
    return n;
  }, 1000)
  .option('--all', 'scan every row instead of a sample')
  .option('--json', 'print the report as JSON')
  .addHelpText('after', '\nExit codes: 0 nothing undeclared; 1 a Luhn-valid card number is stored somewhere (C02);\n2 personal data in a column the registry does not declare for it. Progress goes to stderr.')
  .action(async (opts: { sample: number; all?: boolean; json?: boolean }) => {
    const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const { openDb } = await import('../db/index.ts');
    const { scanDatabase, formatReport } = await import('../scan/index.ts');
    const { keyringFor } = await import('../crypto/envelope.ts');
    const db = await openDb(config);
    const started = Date.now();
    try {
      const report = await scanDatabase(db, {
        sample: opts.all ? 'all' : opts.sample,
        ring: keyringFor(config),
        // Progress only once a scan is long enough to wonder about.
        onProgress: (done, total, column) => {
          if (Date.now() - started < 1000 && done < total) return;
          process.stderr.write(process.stderr.isTTY ? `\r\x1b[Kscan ${column} ${done}/${total}` : done < total ? `scan ${column} ${done + 1}/${total}\n` : '');
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      console.log(opts.json ? JSON.stringify(report) : formatReport(report));
      process.exitCode = report.exitCode;
    } finally {
      await db.close();
    }
  });

registerDetectCommand(program);
registerRequestsCommand(program, withContext);

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err instanceof Error ? `${err.name}: ${err.message}` : 'failed');
  process.exit(1);
});
