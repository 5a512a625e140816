import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { startRedirectServer } from '../http/tls.ts';
import { seedDemo } from '../seed/demo.ts';
import { createContext } from './boot.ts';
import { resealLegacyRows } from '../subjects/reseal.ts';

/** What one process does: answer HTTP, run jobs, or both (one binary, its role chosen by a flag). */
export const ROLES = ['web', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

/** `pledge serve`: store, migrations, then HTTP (web), jobs and schedules (worker), or both (all). */
export async function serve(config: Config, role: Role = 'all'): Promise<void> {
  const ctx = await createContext(config);
  const web = role !== 'worker';
  if (web) {
    // A store from before migration 006 still holds names and addresses in clear: seal them first.
    const resealed = await resealLegacyRows(ctx);
    if (resealed > 0) ctx.log.info({ rows: resealed }, 'sealed rows stored in clear by an older version');
    if (config.seedDemo) {
      const demo = await seedDemo(ctx);
      if (demo.created) {
        console.log(`Demo tenant "${demo.tenantName}" created.`);
        console.log(`  merchant login: ${demo.login.email} / ${demo.login.password}`);
        console.log(`  staff login:    ${demo.staffLogin.email} / ${demo.staffLogin.password}`);
      }
    }
  }
  const app = web ? await buildApp(ctx) : undefined;
  let redirect: Server | undefined;
  if (role !== 'web') await ctx.jobs.startWorkers(ctx);
  if (app) {
    await app.listen({ port: config.port, host: config.host });
    if (config.tls?.redirectPort !== undefined) redirect = await startRedirectServer(config.publicUrl, config.tls.redirectPort, config.host);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Pledge (${role}) is running on the ${ctx.db.kind} store: ${config.publicUrl.replace(`:${config.port}`, `:${port}`)}/`);
  } else console.log(`Pledge (worker) is running on the ${ctx.db.kind} store`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // New requests stop first, then running jobs finish (or go back to the queue for another worker).
    redirect?.close();
    await app?.close();
    await ctx.jobs.stop(Math.min(30, config.jobLeaseSeconds));
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
