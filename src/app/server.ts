import type { Config } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { seedDemo } from '../seed/demo.ts';
import { createContext } from './boot.ts';
import { startJobs } from '../jobs/runner.ts';
import { resealLegacyRows } from '../subjects/reseal.ts';

/** `pledge serve`: store, migrations, demo tenant on first start, HTTP, background jobs. */
export async function serve(config: Config): Promise<void> {
  const ctx = await createContext(config);
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
  const app = await buildApp(ctx);
  const jobs = startJobs(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Pledge is running on the ${ctx.db.kind} store: ${config.publicUrl.replace(`:${config.port}`, `:${port}`)}/`);
  const stop = async () => {
    jobs.stop();
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
