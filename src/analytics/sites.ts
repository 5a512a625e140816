/** Sites that send Log Data: which origins may, which query keys survive, how long events are kept. */
import type { Db, Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';

export type Site = { id: string; tenant_id: string; origins: string[]; notice_version: string; search_param: string | null; utm_keys: string[]; retention_months: number };
export type SiteInput = { origins: readonly string[]; noticeVersion?: string; searchParam?: string | null; utmKeys?: readonly string[]; retentionMonths?: number };

const COLUMNS = 'id, tenant_id, origins, notice_version, search_param, utm_keys, retention_months';

/** Registers a site for the tenant of `tx` (a tenant transaction). */
export async function createSite(tx: Sql, tenantId: string, s: SiteInput): Promise<Site> {
  const [row] = await tx.query<Site>(
    `INSERT INTO analytics_sites (tenant_id, origins, notice_version, search_param, utm_keys, retention_months)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [tenantId, s.origins, s.noticeVersion ?? '1', s.searchParam ?? null, s.utmKeys ?? ['utm_source', 'utm_medium', 'utm_campaign'], s.retentionMonths ?? 14],
  );
  return row!;
}

/** The tenant's sites. */
export const listSites = (tx: Sql): Promise<Site[]> => tx.query<Site>(`SELECT ${COLUMNS} FROM analytics_sites ORDER BY created_at`);

const cache = new Map<string, { site: Site | null; until: number }>();
const TTL_MS = 30_000;

/** The site by id for the ingest (platform read, cached 30 s so a flood of unknown ids costs one lookup each). */
export async function findSite(db: Db, id: string): Promise<Site | null> {
  const hit = cache.get(id);
  if (hit && hit.until > Date.now()) return hit.site;
  const [site] = await inPlatform(db, (tx) => tx.query<Site>(`SELECT ${COLUMNS} FROM analytics_sites WHERE id = $1`, [id]));
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { site: site ?? null, until: Date.now() + TTL_MS });
  return site ?? null;
}

/** Drops a site from this server's cache after a change (other servers see it within the TTL). */
export const forgetSite = (id: string): void => void cache.delete(id);
