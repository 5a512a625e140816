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
const INSERT = `INSERT INTO analytics_events (site_id, at, kind, visitor_hash, path, referrer_host, utm_source, utm_medium, utm_campaign, goal,
  search_term, outbound_url, engaged_ms, visit_number, country, agent_family, os_family, form_factor, consent_analytics, consent_marketing, gpc, user_id)
SELECT s, a, k, decode(v, 'hex'), p, r, us, um, uc, en, st, ou, em, vn, co, af, os, ff, ca, cm, g, u
  FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
              $11::text[], $12::text[], $13::int[], $14::int[], $15::text[], $16::text[], $17::text[], $18::text[], $19::boolean[], $20::boolean[], $21::boolean[], $22::uuid[])
    AS t(s, a, k, v, p, r, us, um, uc, en, st, ou, em, vn, co, af, os, ff, ca, cm, g, u)`;

const columns = (rows: readonly EventRow[]): unknown[][] => [
  rows.map((r) => r.siteId), rows.map((r) => r.at.toISOString()), rows.map((r) => r.kind), rows.map((r) => r.visitorHash.toString('hex')), rows.map((r) => r.path),
  rows.map((r) => r.referrerHost), rows.map((r) => r.utmSource), rows.map((r) => r.utmMedium), rows.map((r) => r.utmCampaign), rows.map((r) => r.goal),
  rows.map((r) => r.searchTerm), rows.map((r) => r.outboundUrl), rows.map((r) => r.engagedMs), rows.map((r) => r.visitNumber), rows.map((r) => r.country),
  rows.map((r) => r.agentFamily), rows.map((r) => r.osFamily), rows.map((r) => r.formFactor), rows.map((r) => r.consentAnalytics), rows.map((r) => r.consentMarketing),
  rows.map((r) => r.gpc), rows.map((r) => r.userId),
];

type Waiter = { rows: EventRow[]; done: (err?: unknown) => void };

// Commits in flight at once on PostgreSQL: while one waits for its fsync the next is written.
// PGlite has one connection, so one.
const PG_FLIGHTS = 3;

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

  private schedule(): void {
    if (this.scheduled || this.flights >= this.maxFlights || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.flights >= this.maxFlights || this.queue.length === 0) return;
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
    await this.db.query(INSERT, columns(rows));
  }
}

const writers = new WeakMap<Db, EventWriter>();
/** The writer of `db`. */
export function writerFor(db: Db): EventWriter {
  let w = writers.get(db);
  if (!w) { w = new EventWriter(db); writers.set(db, w); }
  return w;
}
