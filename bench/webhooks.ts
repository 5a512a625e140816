// Issue 13 benchmark, channels:
//  (a) webhook intake over HTTP: signed Messenger deliveries (X-Hub-Signature-256 over the raw
//      body), each acknowledged with 200 only after its event row (payload sealed) and its
//      processing job committed: PostgreSQL with fsync on (BENCH_DATABASE_URL) and PGlite
//      file-backed, each round beside the bare node:http ceiling of that round;
//  (b) send-gate decisions per second in process (the gate plus the platform rules, per message);
//  (c) a broadcast to a list: members queued per second through the one send path.
// Targets: (a) ≥ 5,000/s PostgreSQL, ≥ 1,500/s PGlite, p99 < 50 ms at 50 connections; (b) ≥ 100,000/s;
// (c) 100,000 queued in < 10 s.
import { createInterface } from 'node:readline';
import { load, measureRounds, printRounds, startServer, type LoadRequest } from './load.ts';
import { messengerDelivery, messengerText } from '../test/support/channel-fixtures.ts';
import { buildSnapshot, decide } from '../src/domain/gate.ts';
import { decideSend } from '../src/channels/send-rules.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BODIES = Number(process.env.BENCH_BODIES ?? 20_000);
const POSTGRES = 'webhooks, PostgreSQL (fsync on)';
const PGLITE = 'webhooks, PGlite (file-backed)';

type Info = { port: number; accountId: string; pageId: string; appSecret: string };

async function target(label: string, env: Record<string, string>) {
  const { info, proc } = await startServer<Info>('bench/servers/webhooks.ts', env);
  const lines = createInterface({ input: proc.stdout! });
  // Distinct signed deliveries: wrk picks among them, so a few repeat (acknowledged, stored once, as a redelivery is).
  const requests: LoadRequest[] = Array.from({ length: BODIES }, (_, i) => {
    const d = messengerDelivery(info.appSecret, info.pageId, [messengerText(`60240${String(i % 5000).padStart(11, '0')}`, `m_bench_${label.length}_${i}`, `Chào shop, đơn số ${i}`)]);
    return { method: 'POST' as const, path: `/webhooks/messenger/${info.accountId}`, headers: d.headers, body: d.body.toString('utf8') };
  });
  const stored = () => new Promise<number>((resolve) => {
    lines.once('line', (l) => resolve((JSON.parse(l) as { stored: number }).stored));
    proc.kill('SIGUSR2');
  });
  return { label, proc, stored, measure: (seconds: number) => load({ url: `http://127.0.0.1:${info.port}`, connections: CONNECTIONS, seconds, requests }) };
}

async function intake(pgUrl: string | undefined): Promise<void> {
  const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
  const targets = [await target(PGLITE, { BENCH_DATABASE_URL: '' })];
  if (pgUrl) targets.unshift(await target(POSTGRES, { BENCH_DATABASE_URL: pgUrl }));
  try {
    const ceilingUrl = `http://127.0.0.1:${bare.info.port}`;
    await load({ url: ceilingUrl, connections: CONNECTIONS, seconds: 1 });
    const rounds = await measureRounds({ ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets });
    printRounds(rounds, { [POSTGRES]: { perSecond: 5000, p99: 50 }, [PGLITE]: { perSecond: 1500, p99: 50 } }, 'signed events/s acknowledged');
    for (const t of targets) {
      const n = await t.stored();
      console.log(`${t.label}: ${n} distinct events stored in ${ROUNDS} × ${SECONDS} s = ${Math.round(n / (ROUNDS * SECONDS))} new events/s (the rest were repeats, acknowledged and not stored again)`);
    }
  } finally {
    for (const t of targets) t.proc.kill('SIGTERM');
    bare.proc.kill('SIGTERM');
  }
}

/** The send gate's per-message decision (gate + opt state + platform window), as the send path makes it. */
function sendGateRate(): void {
  const tenantId = '00000000-0000-4000-8000-000000000001';
  const id = '00000000-0000-4000-8000-000000000002';
  const at = Date.now() - 3_600_000;
  const snap = buildSnapshot({
    subject: { type: 'subscriber', id, tenantId },
    consents: [{ id: 'c1', purpose: 'contact', given: true, marketing: true, at }, { id: 'c2', purpose: 'communicate', given: true, at }],
  });
  const N = 2_000_000;
  let allowed = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const marketing = (i & 1) === 0;
    const gate = decide(snap, {
      feature: 'messaging.broadcast', subject: { type: 'subscriber', id, tenantId }, purpose: marketing ? 'contact' : 'communicate',
      use: marketing ? 'marketing_message' : 'messaging', categories: ['user.unique_id', 'user.content.message'], actor: 'tenant', at: Date.now(),
    });
    const d = decideSend({ platform: 'messenger', kind: marketing ? 'marketing' : 'reply', opt: (i & 7) === 0 ? { kind: 'opt_out', id: 'o' } : null, lastInboundAt: at, sentSinceInbound: 0, now: Date.now(), gate });
    if (d.allow) allowed++;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`send gate: ${Math.round(N / s).toLocaleString('en')} decisions/s in process (${((s / N) * 1e9).toFixed(0)} ns each; ${allowed} allowed of ${N}) — target ≥ 100,000/s`);
}

sendGateRate();
await intake(process.env.BENCH_DATABASE_URL);
process.exit(0);
