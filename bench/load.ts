import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

export type LoadResult = { reqPerSec: number; p99: number; errors: number; non2xx: number };

/** Starts a bench server script as its own process and waits for its JSON "ready" line. */
export async function startServer<T>(script: string, env: Record<string, string> = {}): Promise<{ info: T; proc: ChildProcess }> {
  // The store is the caller's choice per server: BENCH_DATABASE_URL from the parent's own
  // environment must not turn an embedded-store server into a second PostgreSQL one.
  const { BENCH_DATABASE_URL: _inherited, ...inherited } = process.env;
  // BENCH_SERVER_PROFILE=dir: each server writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', script], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: proc.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { info: JSON.parse(line) as T, proc };
}

// wrk (Debian package) is the load generator: native, so it leaves the cores to the server.
// The Lua script rotates request paths, sets headers, and reports non-2xx answers.
const LUA = `
local paths, headers = {}, {}
init = function(args) end
request = function()
  local i = math.random(#paths)
  return wrk.format("GET", paths[i], headers)
end
local non2xx = 0
response = function(status) if status < 200 or status > 299 then non2xx = non2xx + 1 end end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %d\\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
`;

/** One request of a mixed load (a POST with its body and its own headers, e.g. another tenant's key). */
export type LoadRequest = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

// The same reporting, over a list of whole requests; `unique` names a header given a fresh value
// on every request (an Idempotency-Key), so each POST is a new write rather than a replay.
const LUA_REQUESTS = LUA.replace(/local paths, headers[\s\S]*?\nend\n/, `
local reqs, unique, prefix, n = {}, nil, "k", 0
init = function(args) end
request = function()
  local r = reqs[math.random(#reqs)]
  if unique then n = n + 1; r.headers[unique] = prefix .. "-" .. n end
  return wrk.format(r.method, r.path, r.headers, r.body)
end
`);

const luaTable = (h: Record<string, string>): string => `{${Object.entries(h).map(([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join(', ')}}`;

/** Bounded load on loopback: `connections` concurrent clients for `seconds`, through wrk. */
export async function load(opts: {
  url: string; connections: number; seconds: number; headers?: Record<string, string>; paths?: string[];
  /** Whole requests (method, path, headers, body) instead of GET `paths`. */
  requests?: LoadRequest[];
  /** A header set to a value unique to each request (e.g. `Idempotency-Key`). */
  uniqueHeader?: string;
}): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-wrk-'));
  const paths = opts.paths ?? [new URL(opts.url).pathname];
  const header = Object.entries(opts.headers ?? {}).map(([k, v]) => `headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  const pathList = paths.map((p) => `paths[#paths + 1] = ${JSON.stringify(p)}`).join('\n');
  const script = join(dir, 'bench.lua');
  if (opts.requests) {
    const list = opts.requests
      .map((r) => `reqs[#reqs + 1] = { method = ${JSON.stringify(r.method)}, path = ${JSON.stringify(r.path)}, headers = ${luaTable({ ...opts.headers, ...r.headers })}, body = ${r.body === undefined ? 'nil' : JSON.stringify(r.body)} }`)
      .join('\n');
    const uniq = opts.uniqueHeader ? `unique = ${JSON.stringify(opts.uniqueHeader)}\nprefix = ${JSON.stringify(`k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`)}` : '';
    writeFileSync(script, LUA_REQUESTS.replace('init = function(args) end', `init = function(args)\n${list}\n${uniq}\nend`));
  } else {
    writeFileSync(script, LUA.replace('init = function(args) end', `init = function(args)\n${pathList}\n${header}\nend`));
  }
  const { stdout } = await promisify(execFile)('wrk', ['-t', '1', '-c', String(opts.connections), '-d', `${opts.seconds}s`, '-s', script, opts.url], {
    maxBuffer: 1 << 20,
  });
  const m = /RESULT ([\d.]+) ([\d.]+) (\d+)/.exec(stdout);
  if (!m) throw new Error(`unexpected wrk output:\n${stdout}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  return { reqPerSec: Number(m[1]), p99: Math.round(Number(m[2]) * 100) / 100, errors: Number(m[3]) - non2xx, non2xx };
}

/** One benchmarked server's figure in one round, beside the bare ceiling measured in that round. */
export type Round = { label: string; round: number; result: LoadResult; ceiling: LoadResult };

/**
 * Runs `rounds` rounds; each measures the bare `node:http` ceiling (`ceilingUrl`) and then every
 * target, so each figure sits beside a ceiling taken on the same machine at nearly the same time
 * (on a shared machine both move together).
 */
export async function measureRounds(opts: {
  ceilingUrl: string; connections: number; seconds: number; rounds: number;
  targets: Array<{ label: string; measure: (seconds: number) => Promise<LoadResult> }>;
}): Promise<Round[]> {
  const out: Round[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const ceiling = await load({ url: opts.ceilingUrl, connections: opts.connections, seconds: opts.seconds });
    for (const t of opts.targets) out.push({ label: t.label, round, ceiling, result: await t.measure(opts.seconds) });
  }
  return out;
}

/** Every round, then per target the best round (by share of its ceiling) and the spread. */
export function printRounds(rounds: Round[], targets: Record<string, { share?: number; perSecond?: number; p99: number }>, unit = 'req/s'): string[] {
  const lines = [`| server | round | ${unit} | p99 ms | ceiling req/s (same round) | share of ceiling | errors / non-2xx |`, '|---|---:|---:|---:|---:|---:|---:|'];
  const pct = (r: Round) => (r.result.reqPerSec / r.ceiling.reqPerSec) * 100;
  for (const r of rounds) {
    lines.push(`| ${r.label} | ${r.round} | ${Math.round(r.result.reqPerSec)} | ${r.result.p99} | ${Math.round(r.ceiling.reqPerSec)} | ${pct(r).toFixed(1)}% | ${r.result.errors} / ${r.result.non2xx} |`);
  }
  lines.push('', `| server | best ${unit} | spread ${unit} | best share | spread share | p99 ms (best) | target | |`, '|---|---:|---:|---:|---:|---:|---|---|');
  for (const label of [...new Set(rounds.map((r) => r.label))]) {
    const mine = rounds.filter((r) => r.label === label);
    const best = mine.reduce((a, b) => (pct(b) > pct(a) ? b : a));
    const rates = mine.map((r) => r.result.reqPerSec);
    const shares = mine.map(pct);
    const t = targets[label];
    const errors = mine.reduce((n, r) => n + r.result.errors + r.result.non2xx, 0);
    const met = t && (t.share === undefined || pct(best) >= t.share) && (t.perSecond === undefined || best.result.reqPerSec >= t.perSecond) && best.result.p99 < t.p99 && errors === 0;
    const want = t ? [t.share !== undefined ? `≥ ${t.share}% of ceiling` : '', t.perSecond !== undefined ? `≥ ${t.perSecond}/s` : '', `p99 < ${t.p99} ms`, '0 errors'].filter(Boolean).join(', ') : '';
    lines.push(`| ${label} | ${Math.round(best.result.reqPerSec)} | ${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} | ${pct(best).toFixed(1)}% | ${Math.min(...shares).toFixed(1)}–${Math.max(...shares).toFixed(1)}% | ${best.result.p99} | ${want} | ${t ? (met ? 'met' : 'NOT met') : ''} |`);
  }
  for (const l of lines) console.log(l);
  return lines;
}
