/**
 * Group commit for events: rows of concurrent requests are gathered while one INSERT is in
 * flight and written together by the next, in one transaction; each caller is answered only
 * after its rows committed (durable before 202).
 */
import type { Db } from '../db/index.ts';
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

// Commits in flight at once on PostgreSQL: while one waits for its fsync the next is written.
// PGlite has one connection, so one.
const PG_FLIGHTS = 3;
// Smaller batches would spend more per row on statements than the overlap saves.
const MIN_PARALLEL = 8;

/**
 * One writer per database: `write` resolves once the rows are committed. A batch starts after
 * the event loop's current I/O phase (setImmediate), so the requests read from every ready
 * connection join it; on PGlite, whose statements run synchronously, a batch started at once
 * would hold each request alone.
 */
export class EventWriter {
  private queue: Waiter[] = [];
  private flights = 0;
  private scheduled = false;
  private readonly maxFlights: number;
  constructor(private readonly db: Db) {
    this.maxFlights = db.kind === 'pglite' ? 1 : PG_FLIGHTS;
  }

  write(rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, done: (err) => (err ? reject(err) : resolve()) });
      this.schedule();
    });
  }

  /** Whether a commit may start now: a further one beside one in flight only for MIN_PARALLEL waiting requests. */
  private ready(): boolean {
    return this.flights < this.maxFlights && this.queue.length > 0 && (this.flights === 0 || this.queue.length >= MIN_PARALLEL);
  }

  private schedule(): void {
    if (this.scheduled || !this.ready()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.ready()) return;
      const batch: Waiter[] = [];
      let n = 0;
      while (this.queue.length > 0 && n < MAX_ROWS) { const w = this.queue.shift()!; batch.push(w); n += w.rows.length; }
      this.flights++;
      this.commit(batch.flatMap((w) => w.rows)).then(
        () => { for (const w of batch) w.done(); },
        (err: unknown) => { for (const w of batch) w.done(err); },
      ).finally(() => {
        this.flights--;
        this.schedule();
      });
      this.schedule();
    });
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
