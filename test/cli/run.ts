import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real CLI (`node bin/pledge.js …`) as a child process; never throws on a non-zero exit. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // The child must not inherit a server URL or secret from the test runner's environment.
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  delete base.PLEDGE_SECRET;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/pledge.js', ...args], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'warn', ...env }, timeout: 300_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
