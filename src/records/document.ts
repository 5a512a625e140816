/**
 * The records of processing (GDPR Art 30) and the data-flow part of Vietnam's impact-assessment
 * dossier (Decree 356/2025), computed from what the code declares: the registry's columns, the
 * features' purposes and categories, the retention rules, the processors on file. Nothing here
 * is written by hand, so a new declared column, feature or processor is in the next report.
 * @clause C39 The records of processing can be produced at any time, from the declarations.
 */
import { createHash } from 'node:crypto';
import type { Feature } from '../domain/features.ts';
import type { AtRest, PersonalColumn } from '../domain/registry.ts';
import type { SubjectTable } from '../domain/subject-map.ts';
import { contractPurposes, findCategory, isWithin, PURPOSES, SUBJECT_TYPES, type PurposeKey, type SubjectType } from '../domain/taxonomy/index.ts';
import type { RetentionRule } from '../retention/rules.ts';

export type ProcessorEntry = {
  readonly name: string;
  readonly kind: string;
  readonly categories: readonly string[];
  readonly purposes: readonly string[];
  readonly retention: string;
  readonly bindsToPolicy: boolean;
  readonly documentRef: string;
};

export type RecordsInput = {
  readonly controller: { readonly name: string; readonly contact: string };
  readonly features: readonly Feature[];
  readonly columns: readonly PersonalColumn[];
  readonly tables: readonly SubjectTable[];
  readonly rules: readonly RetentionRule[];
  readonly processors: readonly ProcessorEntry[];
};

export type Basis = 'contract' | 'consent';

export type Activity = {
  readonly purpose: PurposeKey;
  /** Per subject type: the contract covers the purpose, or it needs the person's consent. */
  readonly bases: readonly { readonly subject: SubjectType; readonly basis: Basis }[];
  readonly subjects: readonly SubjectType[];
  readonly categories: readonly string[];
  readonly features: readonly string[];
  readonly recipients: readonly string[];
  /** The tables that hold the activity's categories, each with how long its rows are kept. */
  readonly storage: readonly { readonly table: string; readonly keep: readonly string[] }[];
};

export type ColumnEntry = {
  readonly table: string; readonly column: string; readonly categories: readonly string[]; readonly subjects: readonly SubjectType[];
  readonly source: string; readonly atRest: AtRest['kind']; readonly erasure: string; readonly sensitive: boolean;
};

export type Risk = { readonly key: 'sensitive' | 'processor' | 'minor' | 'channel_identity'; readonly subject: string; readonly measures: readonly string[] };

export type RecordsDocument = {
  readonly controller: RecordsInput['controller'];
  readonly version: string;
  readonly activities: readonly Activity[];
  readonly columns: readonly ColumnEntry[];
  readonly processors: readonly ProcessorEntry[];
  readonly retention: readonly RetentionRule[];
  readonly measures: readonly { readonly key: AtRest['kind'] | 'rls' | 'audit_chain' | 'input_guard' | 'tls' | 'restriction_wall'; readonly count: number }[];
  readonly risks: readonly Risk[];
};

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
const sortedUniq = (xs: Iterable<string>): string[] => uniq(xs).sort();

/** Whether a column holds data of a category the feature declares (a declared parent covers its children). */
const touches = (c: PersonalColumn, categories: readonly string[]) =>
  c.categories.some((k) => categories.some((d) => isWithin(k, d) || isWithin(d, k)));

function keepOf(table: string, rules: readonly RetentionRule[]): string[] {
  const own = rules.filter((r) => r.table === table);
  return own.map((r) => (r.column ? `${r.column}: ${r.keep}` : r.keep) + (r.keep === 'until_deleted' ? '' : ` (${r.from})`));
}

function erasureText(t: SubjectTable | undefined, column: string): string {
  if (!t) return 'none';
  const e = t.columns?.[column] ?? t.erase;
  return e.action === 'retain' ? `retain ${e.period} from ${e.from}` : e.action;
}

/** The document: a pure function of the declarations, with a version hash over them. */
export function buildRecords(input: RecordsInput): RecordsDocument {
  const byTable = new Map(input.tables.map((t) => [t.table, t]));
  const activities: Activity[] = PURPOSES.map(({ key }) => {
    const features = input.features.filter((f) => f.purposes.includes(key));
    const subjects = SUBJECT_TYPES.filter((s) => features.some((f) => f.subjects.includes(s)));
    const categories = sortedUniq(features.flatMap((f) => f.categories));
    const tables = sortedUniq(input.columns.filter((c) => touches(c, categories) && c.subjects.some((s) => subjects.includes(s))).map((c) => c.table));
    return {
      purpose: key,
      bases: subjects.map((subject) => ({ subject, basis: contractPurposes(subject).includes(key) ? 'contract' as const : 'consent' as const })),
      subjects,
      categories,
      features: features.map((f) => f.name).sort(),
      recipients: input.processors.filter((p) => p.purposes.includes(key)).map((p) => p.name),
      storage: tables.map((table) => ({ table, keep: keepOf(table, input.rules) })),
    };
  }).filter((a) => a.features.length > 0);

  const columns: ColumnEntry[] = input.columns.map((c) => ({
    table: c.table, column: c.column, categories: c.categories, subjects: c.subjects,
    source: typeof c.source === 'string' ? c.source : `per row (${c.source.column})`,
    atRest: c.atRest.kind, erasure: erasureText(byTable.get(c.table), c.column),
    sensitive: c.categories.some((k) => findCategory(k)?.sensitive === true),
  }));

  const count = (kind: AtRest['kind']) => input.columns.filter((c) => c.atRest.kind === kind).length;
  const personalTables = uniq(input.columns.map((c) => c.table)).length;
  const measures: RecordsDocument['measures'] = [
    { key: 'subject_key', count: count('subject_key') },
    { key: 'tenant_key', count: count('tenant_key') },
    { key: 'mail_key', count: count('mail_key') },
    { key: 'blind_index', count: count('blind_index') },
    { key: 'rls', count: personalTables },
    { key: 'restriction_wall', count: input.tables.length },
    { key: 'input_guard', count: input.features.filter((f) => f.kind === 'route').length },
    { key: 'audit_chain', count: 1 },
    { key: 'tls', count: 1 },
  ];

  const risks: Risk[] = [
    ...columns.filter((c) => c.sensitive).map((c) => ({
      key: 'sensitive' as const, subject: `${c.table}.${c.column}`,
      measures: [`at rest: ${c.atRest}`, 'explicit consent or a legal ground before use (C14)', `erasure: ${c.erasure}`],
    })),
    ...input.processors.map((p) => ({
      key: 'processor' as const, subject: p.name,
      measures: [`agreement ${p.documentRef}${p.bindsToPolicy ? ', binds to this policy' : ''}`, `categories: ${p.categories.join(', ')}`, `retention: ${p.retention}`],
    })),
    ...(input.columns.some((c) => c.subjects.includes('minor'))
      ? [{ key: 'minor' as const, subject: 'minor', measures: ['sign-up refused under 18; only a parental-consent notice is mailed (C38)'] }] : []),
    ...(input.columns.some((c) => c.categories.includes('user.unique_id'))
      ? [{ key: 'channel_identity' as const, subject: 'user.unique_id', measures: ['tenant-scoped under row-level security (C10)', 'platform never contacts a merchant\'s people (C29)'] }] : []),
  ];

  const version = createHash('sha256').update(JSON.stringify({ activities, columns, processors: input.processors, rules: input.rules.map((r) => [r.id, r.keep, r.from]) })).digest('hex').slice(0, 16);
  return { controller: input.controller, version, activities, columns, processors: input.processors, retention: input.rules, measures, risks };
}
