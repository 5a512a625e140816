/**
 * Group commit for events: rows of concurrent requests are gathered while one INSERT is in
 * flight and written together by the next, in one transaction; each caller is answered only
 * after its rows committed (durable before 202).
 */
import type { Db } from '../db/index.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { ensurePartition } from './partitions.ts';

export type EventRow = {
  siteId: string; at: Date; kind: string; visitorHash: Buffer; path: string; referrerHost: string | null;
  utmSource: string | null; utmMedium: string | null; utmCampaign: string | null; goal: string | null; searchTerm: string | null;
  outboundUrl: string | null; engagedMs: number | null; visitNumber: number | null; country: string | null;
  agentFamily: string; osFamily: string; formFactor: string; consentAnalytics: boolean | null; consentMarketing: boolean | null; gpc: boolean; userId: string | null;
};

const MAX_ROWS = 5000;
// The rows travel as one JSON array (one JSON.stringify, parsed by the server in C) rather than
// 22 array parameters: the driver's array encoding was most of the writer's CPU.
const INSERT = `INSERT INTO analytics_events (site_id, at, kind, visitor_hash, path, referrer_host, utm_source, utm_medium, utm_campaign, goal,
  search_term, outbound_url, engaged_ms, visit_number, country, agent_family, os_family, form_factor, consent_analytics, consent_marketing, gpc, user_id)
SELECT s, a, k, decode(v, 'hex'), p, r, us, um, uc, en, st, ou, em, vn, co, af, os, ff, ca, cm, g, u
  FROM json_to_recordset($1::json)
    AS t(s uuid, a timestamptz, k text, v text, p text, r text, us text, um text, uc text, en text, st text, ou text, em int, vn int, co text,
         af text, os text, ff text, ca boolean, cm boolean, g boolean, u uuid)`;

const record = (r: EventRow) => ({
  s: r.siteId, a: r.at.toISOString(), k: r.kind, v: r.visitorHash.toString('hex'), p: r.path, r: r.referrerHost, us: r.utmSource, um: r.utmMedium,
  uc: r.utmCampaign, en: r.goal, st: r.searchTerm, ou: r.outboundUrl, em: r.engagedMs, vn: r.visitNumber, co: r.country, af: r.agentFamily,
  os: r.osFamily, ff: r.formFactor, ca: r.consentAnalytics, cm: r.consentMarketing, g: r.gpc, u: r.userId,
});
// A lone surrogate would be written as a \ud… escape, which the server refuses to turn into
// text, failing every request of the batch: such strings (none by construction) are made well formed.
const wellFormed = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\p{Surrogate}/gu, '\ufffd') : v);
function json(rows: readonly EventRow[]): string {
  const out = JSON.stringify(rows.map(record));
  if (!out.includes('\\ud')) return out;
  return JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(record(r)).map(([k, v]) => [k, wellFormed(v)]))));
}

type Waiter = { rows: EventRow[]; done: (err?: unknown) => void };

/** One writer per database: `write` resolves once the rows are committed (`GroupCommit`). */
export class EventWriter {
  private readonly group: GroupCommit<Waiter>;
  constructor(private readonly db: Db) {
    this.group = new GroupCommit<Waiter>(db, {
      take: (queue) => {
        const batch: Waiter[] = [];
        let n = 0;
        while (queue.length > 0 && n < MAX_ROWS) { const w = queue.shift()!; batch.push(w); n += w.rows.length; }
        return batch;
      },
      commit: (batch) => this.commit(batch.flatMap((w) => w.rows)).then(
        () => { for (const w of batch) w.done(); },
        (err: unknown) => { for (const w of batch) w.done(err); },
      ),
    });
  }

  write(rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.group.push({ rows, done: (err) => (err ? reject(err) : resolve()) }));
  }

  private async commit(rows: EventRow[]): Promise<void> {
    // Before the insert: a partition a concurrent writer just created must not abort it.
    const months = new Map(rows.map((r) => [`${r.at.getUTCFullYear()}-${r.at.getUTCMonth()}`, r.at]));
    for (const at of months.values()) await ensurePartition(this.db, at);
    // One statement in its own implicit transaction: all rows or none, durable when it returns.
    await this.db.query(INSERT, [json(rows)]);
  }
}

const writers = new WeakMap<Db, EventWriter>();
/** The writer of `db`. */
export function writerFor(db: Db): EventWriter {
  let w = writers.get(db);
  if (!w) { w = new EventWriter(db); writers.set(db, w); }
  return w;
}
