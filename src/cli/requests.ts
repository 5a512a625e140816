// `pledge requests list|show|fulfil`: the operator's view of every tenant's subject requests —
// states, deadlines and counts, never a value — and fulfilment from the shell.
import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '-');

export function registerRequestsCommand(program: Command, withContext: WithContext): void {
  const requests = program.command('requests').description('Data-subject requests: the inbox across tenants');
  requests
    .command('list')
    .description('Requests, soonest due first')
    .option('--state <state>', 'only this state')
    .option('--overdue', 'only open requests past their due date')
    .option('--json', 'one JSON document')
    .action((opts: { state?: string; overdue?: boolean; json?: boolean }) =>
      withContext(async (ctx) => {
        const { inPlatform } = await import('../db/scope.ts');
        const { listRequests } = await import('../dsr/inbox.ts');
        const { presentRequest } = await import('../routes/requests/presenter.ts');
        const { rows, counts } = await inPlatform(ctx.db, (tx) => listRequests(tx, { state: opts.state as never, overdue: opts.overdue }));
        if (opts.json) return console.log(JSON.stringify({ items: rows.map((r) => presentRequest(r)), counts }));
        for (const r of rows) console.log([r.id, r.kind.padEnd(13), r.state.padEnd(19), `due ${day(r.due_at)}`, r.due_rule ?? ''].join('  '));
        console.log(Object.entries(counts).map(([k, n]) => `${k}: ${n}`).join(', ') || 'no requests');
      }));
  requests
    .command('show <id>')
    .description('One request: history, steps, processors, counts found per table')
    .action((id: string) =>
      withContext(async (ctx) => {
        const { detailFor, presentDetail } = await import('../routes/requests/inbox.ts');
        console.log(JSON.stringify(presentDetail(await detailFor(ctx, null, id)), null, 2));
      }));
  requests
    .command('fulfil <id>')
    .description('Starts a verified request\'s fulfilment and runs its steps now (processors are notified by the workers)')
    .action((id: string) =>
      withContext(async (ctx) => {
        const { inPlatform } = await import('../db/scope.ts');
        const { runFulfilment, startFulfilment } = await import('../dsr/fulfil.ts');
        await inPlatform(ctx.db, (tx) => startFulfilment(tx, ctx, id, { type: 'system', id: null }));
        console.log(`${id}: ${await runFulfilment(ctx, id)}`);
      }));
  requests
    .command('erase-batch')
    .description('Erases every in-progress erasure request whose erase step is pending, a batch per transaction; their jobs then forward and finish each')
    .option('--chunk <n>', 'requests per transaction', '250')
    .action((opts: { chunk: string }) =>
      withContext(async (ctx) => {
        const chunk = Number(opts.chunk);
        if (!Number.isInteger(chunk) || chunk < 1 || chunk > 5000) throw new Error('--chunk must be a whole number from 1 to 5000');
        const { inPlatform } = await import('../db/scope.ts');
        const { eraseRequestBatch } = await import('../dsr/batch.ts');
        const pending = await inPlatform(ctx.db, (tx) => tx.query<{ id: string }>(
          `SELECT r.id FROM subject_requests r WHERE r.kind = 'erasure' AND r.state = 'in_progress'
              AND NOT EXISTS (SELECT 1 FROM subject_request_steps s WHERE s.request_id = r.id AND s.step = 'erase' AND s.state = 'done') ORDER BY r.received_at`));
        const t0 = Date.now();
        let erased = 0;
        for (let i = 0; i < pending.length; i += chunk) {
          const ids = pending.slice(i, i + chunk).map((r) => r.id);
          erased += (await eraseRequestBatch(ctx, ids)).erased;
          // Each request's own job carries on from its checkpoint: forwarding, acknowledgements, fulfilled.
          await inPlatform(ctx.db, async (tx) => { for (const id of ids) await ctx.jobs.enqueue(tx, 'fulfil-request', { requestId: id }); });
        }
        const s = (Date.now() - t0) / 1000;
        console.log(`${erased} erased in ${s.toFixed(1)} s${erased ? ` (${Math.round(erased / Math.max(s, 0.001))} subjects/s)` : ''}`);
      }));
}
