/**
 * The retention rules: one table of what is kept how long, counted from what, why, and under
 * which law or promise. Two sources feed it and nothing else decides retention:
 * - the purges the housekeeping jobs run (`PURGES`): what expires or has served its use;
 * - what the subject map keeps after an erasure (`retain` in `src/domain/subject-map.ts`):
 *   proof, accounting, the disclosure ledger.
 * Every other table of the subject map holds data until the person (or the merchant, for a
 * tenant's contacts) deletes it, which the DSR erasure carries out. Rules that govern the same
 * table (or column) twice are refused when the module loads, with both named.
 * @clause C36 data is kept until deleted, or for the period the law requires, each rule citing it.
 */
import { PURGES, type PurgeKind } from '../jobs/housekeeping.ts';
import { SUBJECT_TABLES, type Erasure } from '../domain/subject-map.ts';

/** When a period starts: expiry or send time of the row, the record itself, its subject's erasure, the contract's end. */
export type RetentionStart = 'expiry' | 'sent' | 'record' | 'erasure' | 'contract_end' | 'deletion';

export type RetentionRule = {
  readonly id: string;
  readonly table: string;
  /** A column the rule governs on its own (the rest of the row follows the table's rule). */
  readonly column?: string;
  /** ISO 8601 duration, `config` (set in configuration, named in `why`), or `until_deleted`. */
  readonly keep: string;
  readonly from: RetentionStart;
  readonly why: string;
  readonly citation: string;
  /** The rows a housekeeping job deletes under this rule (batched, audited). */
  readonly purge?: PurgeKind;
  /** For `keep: 'config'`: the setting that holds the period in days (the purge's `$1`). */
  readonly setting?: 'mailRetentionDays';
};

const POLICY = 'ECOMKEY Privacy Policy, "Data retention" (C36)';

const purged = (id: string, purge: PurgeKind, keep: string, from: RetentionStart, why: string, citation = POLICY): RetentionRule =>
  ({ id, table: purge.table, keep, from, why, citation, purge });

/** What the housekeeping jobs delete, each purge a rule. */
const PURGE_RULES: readonly RetentionRule[] = [
  purged('idempotency-answers', PURGES.idempotencyKeys, 'PT24H', 'record', 'A stored answer (which can name the person) replays a retried request for 24 hours, then goes'),
  purged('email-tokens', PURGES.emailTokens, 'P0D', 'expiry', 'A verification or sign-in token is useless once expired'),
  purged('privacy-center-links', PURGES.privacyCenterLinks, 'P0D', 'expiry', 'A privacy-center sign-in link is useless once expired'),
  purged('user-sessions', PURGES.userSessions, 'P0D', 'expiry', 'An expired session signs no one in'),
  purged('subject-sessions', PURGES.subjectSessions, 'P0D', 'expiry', 'An expired privacy-center session signs no one in'),
  { ...purged('delivered-mail', PURGES.deliveredMail, 'config', 'sent', 'Sent mail is kept MAIL_RETENTION_DAYS to answer a delivery question, then its text goes'), setting: 'mailRetentionDays' },
  purged('minor-notices', PURGES.minorNotices, 'P0D', 'sent', 'A minor\'s parental-consent notice is kept only until it has left or can never leave', 'ECOMKEY Privacy Policy, children (C38)'),
];

/** Log Data (issue 14): kept per site (default 14 months), dropped a month's partition at a time by the analytics-retention job; salts go after 48 hours. */
const ANALYTICS_RULES: readonly RetentionRule[] = [
  { id: 'analytics-events', table: 'analytics_events', keep: 'P14M', from: 'record', why: 'Website statistics are kept for the site\'s retention (default 14 months), then whole monthly partitions are dropped', citation: 'ECOMKEY Privacy Policy, Log Data (C12, C36)' },
  { id: 'analytics-daily', table: 'analytics_daily', keep: 'P14M', from: 'record', why: 'The dashboard\'s daily figures are kept as long as the events they count (the site\'s retention, default 14 months), deleted by the same job', citation: 'ECOMKEY Privacy Policy, Log Data (C12, C36)' },
  { id: 'analytics-salts', table: 'analytics_salts', keep: 'PT48H', from: 'record', why: 'A visitor-hash salt is destroyed after 48 hours, so older visitors cannot be re-identified', citation: 'ECOMKEY Privacy Policy, Log Data (C12, C13)' },
];

/** The citation inside a ground's parentheses ("… (VN Civil Code 2015 Art 429: 3 years)"), else the policy. */
function citationOf(ground: string): string {
  const m = /\(([^()]*(?:Law|Code|Decree|GDPR|Art)[^()]*)\)\s*$/.exec(ground);
  return m?.[1] ?? POLICY;
}

const retained = (id: string, table: string, e: Extract<Erasure, { action: 'retain' }>, column?: string): RetentionRule => ({
  id, table, ...(column ? { column } : {}), keep: e.period, from: e.from, why: e.ground, citation: citationOf(e.ground),
});

/** What an erasure keeps, from the subject map: the map says what stays, this table says how long. */
function retainRules(): RetentionRule[] {
  const out: RetentionRule[] = [];
  for (const t of SUBJECT_TABLES) {
    if (t.erase.action === 'retain') out.push(retained(`${t.table.replace(/_/g, '-')}-after-erasure`, t.table, t.erase));
    for (const [column, e] of Object.entries(t.columns ?? {})) {
      if (e.action === 'retain') out.push(retained(`${t.table.replace(/_/g, '-')}-${column.replace(/_/g, '-')}-after-erasure`, t.table, e, column));
    }
  }
  return out;
}

/** Tables of the subject map that neither expire nor are kept after erasure: held until deleted (by the person, or by erasure). */
function untilDeletedRules(covered: ReadonlySet<string>): RetentionRule[] {
  return SUBJECT_TABLES.filter((t) => !covered.has(t.table)).map((t) => ({
    id: `${t.table.replace(/_/g, '-')}-until-deleted`, table: t.table, keep: 'until_deleted', from: 'deletion' as const,
    why: 'Kept while the account or contact exists; erased on request or when the person deletes it',
    citation: POLICY,
  }));
}

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/**
 * The problems of a rule set. Overlaps: one id twice; two keeping rules for one table (or
 * column); a purge of a table another rule keeps (one deletes on a schedule what the other
 * keeps); two purges of the same rows. Several purges may share a table when each names its rows.
 */
export function checkRules(rules: readonly RetentionRule[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const keeping = new Map<string, RetentionRule>();
  const purging = new Map<string, RetentionRule>();
  const clash = (a: RetentionRule, b: RetentionRule, what: string) =>
    problems.push(`rules ${a.id} and ${b.id} both govern ${what}: ${a.purge ? 'purged' : 'kept'} ${a.keep} from ${a.from} against ${b.purge ? 'purged' : 'kept'} ${b.keep} from ${b.from}`);
  for (const r of rules) {
    if (ids.has(r.id)) problems.push(`rule ${r.id} is declared twice`);
    ids.add(r.id);
    if (r.keep !== 'until_deleted' && r.keep !== 'config' && !ISO_DURATION.test(r.keep)) problems.push(`rule ${r.id}: "${r.keep}" is not an ISO 8601 duration`);
    if (!r.why.trim() || !r.citation.trim()) problems.push(`rule ${r.id}: says nothing of why or under which law`);
  }
  for (const r of rules) {
    const target = r.column ? `${r.table}.${r.column}` : r.table;
    if (r.purge) {
      const twin = purging.get(r.purge.kind);
      if (twin) clash(twin, r, `${r.table} (${r.purge.kind})`);
      purging.set(r.purge.kind, r);
    } else {
      const twin = keeping.get(target);
      if (twin) clash(twin, r, target);
      keeping.set(target, r);
    }
  }
  for (const p of purging.values()) {
    const kept = keeping.get(p.table);
    if (kept) clash(kept, p, p.table);
  }
  return problems;
}

/** Builds the rule table and refuses it when two rules contradict or overlap. */
export function buildRules(extra: readonly RetentionRule[] = []): readonly RetentionRule[] {
  const kept = [...PURGE_RULES, ...ANALYTICS_RULES, ...retainRules()];
  const rules = [...kept, ...untilDeletedRules(new Set(kept.map((r) => r.table))), ...extra];
  const problems = checkRules(rules);
  if (problems.length > 0) throw new Error(`retention rules refused: ${problems.join('; ')}`);
  return rules;
}

export const RETENTION_RULES: readonly RetentionRule[] = buildRules();

/** A purge's parameters: the period a configured rule takes from its setting (`$1`). */
export const purgeParams = (r: Pick<RetentionRule, 'setting'>, config: { mailRetentionDays: number }): unknown[] => (r.setting ? [config[r.setting]] : []);

/** The purge of a rule, with its parameters from the configuration. */
export function purgeOf(id: string, config: { mailRetentionDays: number }): { purge: PurgeKind; params: unknown[] } {
  const r = RETENTION_RULES.find((x) => x.id === id);
  if (!r?.purge) throw new Error(`no purge rule ${id}`);
  return { purge: r.purge, params: purgeParams(r, config) };
}
