import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

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

/** Bounded load on loopback: `connections` concurrent clients for `seconds`. */
export async function load(opts: { url: string; connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] }): Promise<LoadResult> {
  const requests = opts.paths?.map((path) => ({ method: 'GET' as const, path }));
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
    ...(requests ? { requests } : {}),
  });
  return { reqPerSec: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}
