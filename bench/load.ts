import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

export type LoadResult = { reqPerSec: number; p99: number; errors: number; non2xx: number };

/** Starts a bench server script as its own process and waits for its JSON "ready" line. */
export async function startServer<T>(script: string, env: Record<string, string> = {}): Promise<{ info: T; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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
