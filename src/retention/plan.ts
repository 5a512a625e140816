/**
 * What the retention rules would remove now and hold on to: per rule, the rows due for purging
 * (the purge's own condition) or the rows held under it. Counts only, never values.
 */
import type { Sql } from '../db/index.ts';
import { quoteIdent } from '../dsr/locate.ts';
import { purgeParams, RETENTION_RULES, type RetentionRule } from './rules.ts';

export type PlanLine = RetentionRule & { readonly dueNow: number | null; readonly held: number };

/** Reads with platform rights: the plan spans every tenant, and reports numbers alone. */
export async function retentionPlan(db: Sql, config: { mailRetentionDays: number }, rules: readonly RetentionRule[] = RETENTION_RULES): Promise<PlanLine[]> {
  const out: PlanLine[] = [];
  for (const r of rules) {
    const table = quoteIdent(r.table);
    const [{ n: held } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    let dueNow: number | null = null;
    if (r.purge) {
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${r.purge.where}`, purgeParams(r, config));
      dueNow = row?.n ?? 0;
    } else if (r.from === 'erasure' || r.from === 'record' || r.from === 'contract_end') {
      // Kept after an erasure: held until the period ends (src/retention/holds.ts).
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM retention_holds WHERE table_name = $1 AND until < now()', [r.table]);
      dueNow = row?.n ?? 0;
    }
    out.push({ ...r, dueNow, held });
  }
  return out;
}

const PERIOD_WORDS: Record<string, [string, string]> = { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'], H: ['hour', 'hours'] };

/** "P10Y" → "10 years", "PT24H" → "24 hours", "P0D" → "until expiry". */
export function describeKeep(r: Pick<RetentionRule, 'keep' | 'setting'>, config: { mailRetentionDays: number }): string {
  if (r.keep === 'until_deleted') return 'until deleted';
  if (r.keep === 'config') return `${config[r.setting ?? 'mailRetentionDays']} days (${r.setting ?? 'setting'})`;
  if (/^PT?0[A-Z]$/.test(r.keep)) return 'none';
  return [...r.keep.matchAll(/(\d+)([YMWDH])/g)].map(([, n, u]) => `${n} ${PERIOD_WORDS[u!]![n === '1' ? 0 : 1]}`).join(' ');
}

/** The plan as the CLI prints it: one line per rule. */
export function formatPlan(lines: readonly PlanLine[], config: { mailRetentionDays: number }): string {
  const rows = lines.map((l) => [
    l.id, l.column ? `${l.table}.${l.column}` : l.table, describeKeep(l, config), l.from,
    l.dueNow === null ? 'kept' : `${l.dueNow} due now`, `${l.held} held`, l.citation,
  ]);
  const head = ['rule', 'table', 'keep', 'from', 'purge', 'rows', 'citation'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}
