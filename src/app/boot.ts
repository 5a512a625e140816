import { createAuthCaches } from '../auth/cache.ts';
import type { Config } from '../config.ts';
import { deriveKeys } from '../crypto/keys.ts';
import { openDb, type Db } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger, type Logger } from '../log.ts';
import { JOBS } from '../jobs/index.ts';
import { openJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/outbox.ts';
import type { AppContext } from './context.ts';

/** Opens the store, applies migrations and wires the context. The caller owns `ctx.db.close()`. */
export async function createContext(config: Config, opts: { db?: Db; log?: Logger } = {}): Promise<AppContext> {
  const log = opts.log ?? createLogger(config.logLevel);
  const db = opts.db ?? (await openDb(config));
  const schemaVersion = await migrate(db);
  const keys = deriveKeys(config.secret);
  const jobs = await openJobs(db, { leaseSeconds: config.jobLeaseSeconds, scheduleCheckSeconds: config.jobScheduleCheckSeconds }, log, JOBS);
  return {
    config,
    db,
    log,
    keys,
    mailer: createMailer(db, keys, config.smtpUrl, config.mailFrom, log, config.jobLeaseSeconds),
    jobs,
    schemaVersion,
    caches: createAuthCaches(),
  };
}
