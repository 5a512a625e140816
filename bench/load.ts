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

/** Bounded load on loopback: `connections` concurrent clients for `seconds`, through wrk. */
export async function load(opts: { url: string; connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] }): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-wrk-'));
  const paths = opts.paths ?? [new URL(opts.url).pathname];
  const header = Object.entries(opts.headers ?? {}).map(([k, v]) => `headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  const pathList = paths.map((p) => `paths[#paths + 1] = ${JSON.stringify(p)}`).join('\n');
  const script = join(dir, 'bench.lua');
  writeFileSync(script, LUA.replace('init = function(args) end', `init = function(args)\n${pathList}\n${header}\nend`));
  const { stdout } = await promisify(execFile)('wrk', ['-t', '1', '-c', String(opts.connections), '-d', `${opts.seconds}s`, '-s', script, opts.url], {
    maxBuffer: 1 << 20,
  });
  const m = /RESULT ([\d.]+) ([\d.]+) (\d+)/.exec(stdout);
  if (!m) throw new Error(`unexpected wrk output:\n${stdout}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  return { reqPerSec: Number(m[1]), p99: Math.round(Number(m[2]) * 100) / 100, errors: Number(m[3]) - non2xx, non2xx };
}
