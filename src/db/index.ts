import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export type { Db, Sql, StoreKind } from './types.ts';

/** The one place that chooses the store: PostgreSQL when DATABASE_URL is set, else embedded. */
export function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databasePoolSize) : openPglite(join(config.dataDir, 'pglite'));
}
