// CPU time of the PostgreSQL cluster a bench talks to, read from /proc: its postmaster and every
// child, so other clusters on a shared host are not counted.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import type { Db } from '../src/db/index.ts';

const TICK_US = 1e6 / 100; // USER_HZ

/** A process's parent pid and CPU ticks (user + system). */
function procStat(pid: string): { ppid: string; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: f[1]!, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null; // ended meanwhile
  }
}

/** A meter of the CPU µs the cluster behind `db` has used so far (PostgreSQL only). */
export async function postgresCpuMeter(db: Db): Promise<() => number> {
  const [backend] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const postmaster = procStat(String(backend!.pid))!.ppid;
  return () => {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const s = procStat(pid);
      if (s && (pid === postmaster || s.ppid === postmaster)) ticks += s.ticks;
    }
    return ticks * TICK_US;
  };
}

/** BENCH_CPU_PROFILE=dir writes a V8 CPU profile of the measured requests only (not the boot). */
export async function startProfile(): Promise<(file: string) => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (file) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(profile));
    session.disconnect();
  };
}
