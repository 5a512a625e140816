import type { AuthCaches } from '../auth/cache.ts';
import type { Config } from '../config.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Db } from '../db/index.ts';
import type { Jobs } from '../jobs/runner.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/outbox.ts';

/** Everything a route or job needs, built once at boot and passed down (no globals, no process.env). */
export type AppContext = {
  config: Config;
  db: Db;
  log: Logger;
  keys: Keys;
  mailer: Mailer;
  /** The durable job queue: `enqueue` inside a transaction; workers run only in roles worker and all. */
  jobs: Jobs;
  schemaVersion: number;
  /** Short-lived caches of the request pipeline (who is calling, who has accepted). */
  caches: AuthCaches;
};
