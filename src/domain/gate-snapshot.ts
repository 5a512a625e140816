/**
 * A subject's consents, restrictions and legal bases, indexed once so the gate decides in
 * constant time per record kind. Built from plain records (rows the storage layer reads); the
 * snapshot never changes after it is built: a new record means a new snapshot.
 */
import { PURPOSE_KEYS, SOURCES, type CategoryKey, type ProcessingBasis, type PurposeKey, type SourceKey, type SubjectType } from './taxonomy/index.ts';

/** A point in time: epoch milliseconds, a Date, or an ISO string. */
export type Instant = number | Date | string;

/**
 * One consent event. The latest event per purpose wins: a later record with `given: false`
 * withdraws, a later `given: true` gives again. Scope flags say what the consent covers
 * beyond ordinary processing for that purpose.
 */
export type ConsentRecord = {
  readonly id: string;
  readonly purpose: PurposeKey;
  readonly given: boolean;
  readonly at: Instant;
  /** Covers marketing uses: a marketing list, promotional messages, advertising (C19, C37). */
  readonly marketing?: boolean;
  /** Explicit consent to sensitive categories (C14). */
  readonly sensitive?: boolean;
  /** Written consent to disclosure outside ECOMKEY (C03, the `subject_permission` basis). */
  readonly disclosure?: boolean;
};

/** How a restriction or objection ended: only the subject, or a legal ground with its reference (C34). */
export type RestrictionLift = { readonly at: Instant; readonly by: 'subject' | 'legal_ground'; readonly reference?: string };

/** A restriction or objection the subject recorded, on one purpose or all (`purpose: null`), optionally one category subtree. */
export type RestrictionRecord = {
  readonly id: string;
  readonly kind: 'restriction' | 'objection';
  readonly purpose: PurposeKey | null;
  readonly category?: CategoryKey | null;
  readonly at: Instant;
  readonly lifted?: RestrictionLift | null;
};

/** A basis other than consent for some purposes (a contract, a legal obligation), optionally limited to categories. */
export type LegalBasisRecord = {
  readonly id: string;
  readonly basis: Exclude<ProcessingBasis, 'consent'>;
  readonly purposes: readonly PurposeKey[];
  readonly at: Instant;
  readonly endedAt?: Instant | null;
  readonly categories?: readonly CategoryKey[] | null;
};

export type SnapshotSubject = { readonly type: SubjectType; readonly id: string; readonly tenantId: string | null };

export type SubjectRecords = {
  readonly subject: SnapshotSubject;
  /** Where this subject's data came from; `google_api` puts all of it under Limited Use (C20). */
  readonly sources?: readonly SourceKey[];
  readonly consents?: readonly ConsentRecord[];
  readonly restrictions?: readonly RestrictionRecord[];
  readonly legalBases?: readonly LegalBasisRecord[];
};

/** A decision that allows, naming its basis and the record that proves it (C22). */
export type Allow = { readonly allow: true; readonly basis: string; readonly evidence: string | null; readonly clause: string };

export type ConsentEntry = {
  readonly at: number; readonly given: boolean; readonly marketing: boolean; readonly sensitive: boolean; readonly disclosure: boolean;
  readonly id: string; readonly allow: Allow;
};
export type RestrictionEntry = { readonly from: number; readonly until: number; readonly objection: boolean; readonly category: string | null; readonly id: string };
export type LegalEntry = {
  readonly from: number; readonly until: number; readonly basis: ProcessingBasis; readonly categories: readonly string[] | null;
  readonly allow: Allow;
};

/** Records indexed by purpose ordinal (`PURPOSE_ORDINAL`): arrays sorted by time, oldest first. */
export type SubjectSnapshot = {
  readonly subject: SnapshotSubject;
  readonly googleSourced: boolean;
  readonly consents: readonly (readonly ConsentEntry[])[];
  readonly restrictions: readonly (readonly RestrictionEntry[])[];
  readonly legalBases: readonly (readonly LegalEntry[])[];
};

/** A record the snapshot cannot use (unknown purpose, bad time): the stored data is wrong, not the request. */
export class InvalidRecordError extends Error {
  constructor(readonly recordId: string, what: string) {
    super(`record ${recordId}: ${what}`);
  }
}

export const PURPOSE_ORDINAL: ReadonlyMap<string, number> = new Map(PURPOSE_KEYS.map((k, i) => [k, i]));
const KNOWN_SOURCES: ReadonlySet<string> = new Set(SOURCES);

const toMs = (t: Instant, id: string): number => {
  const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms)) throw new InvalidRecordError(id, 'invalid time');
  return ms;
};

const ordinal = (purpose: string, id: string): number => {
  const i = PURPOSE_ORDINAL.get(purpose);
  if (i === undefined) throw new InvalidRecordError(id, 'unknown purpose');
  return i;
};

/**
 * Whether a lift ends a restriction: the subject's own, or a legal ground that cites its
 * reference. Anything else leaves the restriction in force — the storage layer should refuse
 * to write it (`restriction_lift_not_allowed`).
 * @clause C34 A restriction is lifted only by the subject or on legal ground.
 */
export const isValidLift = (lift: RestrictionLift): boolean =>
  lift.by === 'subject' || (lift.by === 'legal_ground' && typeof lift.reference === 'string' && lift.reference.trim().length > 0);

const byTime = <T extends { readonly at?: number; readonly from?: number }>(a: T, b: T) => (a.at ?? a.from ?? 0) - (b.at ?? b.from ?? 0);

/** Indexes a subject's records for `decide`. Throws InvalidRecordError on a record it cannot read. */
export function buildSnapshot(records: SubjectRecords): SubjectSnapshot {
  const n = PURPOSE_KEYS.length;
  const consents: ConsentEntry[][] = Array.from({ length: n }, () => []);
  const restrictions: RestrictionEntry[][] = Array.from({ length: n }, () => []);
  const legalBases: LegalEntry[][] = Array.from({ length: n }, () => []);

  for (const c of records.consents ?? []) {
    consents[ordinal(c.purpose, c.id)]!.push(Object.freeze({
      at: toMs(c.at, c.id), given: c.given, marketing: c.marketing === true, sensitive: c.sensitive === true, disclosure: c.disclosure === true,
      id: c.id, allow: Object.freeze({ allow: true, basis: 'consent', evidence: c.id, clause: 'C22' }),
    }));
  }
  for (const r of records.restrictions ?? []) {
    const until = r.lifted && isValidLift(r.lifted) ? toMs(r.lifted.at, r.id) : Infinity;
    const entry = Object.freeze({ from: toMs(r.at, r.id), until, objection: r.kind === 'objection', category: r.category ?? null, id: r.id });
    if (r.purpose === null) for (const list of restrictions) list.push(entry);
    else restrictions[ordinal(r.purpose, r.id)]!.push(entry);
  }
  for (const l of records.legalBases ?? []) {
    const entry = Object.freeze({
      from: toMs(l.at, l.id), until: l.endedAt == null ? Infinity : toMs(l.endedAt, l.id), basis: l.basis,
      categories: l.categories ? Object.freeze([...l.categories]) : null,
      allow: Object.freeze({ allow: true, basis: l.basis, evidence: l.id, clause: 'C22' }),
    });
    for (const p of l.purposes) legalBases[ordinal(p, l.id)]!.push(entry);
  }
  // Stable sort: records with equal times keep their input order, so the later one wins.
  consents.forEach((list) => list.sort(byTime));
  restrictions.forEach((list) => list.sort(byTime));
  legalBases.forEach((list) => list.sort(byTime));

  const sources = records.sources ?? [];
  for (const s of sources) if (!KNOWN_SOURCES.has(s)) throw new InvalidRecordError(records.subject.id, 'unknown source');
  return Object.freeze({
    subject: Object.freeze({ ...records.subject }),
    googleSourced: sources.includes('google_api'),
    consents: Object.freeze(consents.map((l) => Object.freeze(l))),
    restrictions: Object.freeze(restrictions.map((l) => Object.freeze(l))),
    legalBases: Object.freeze(legalBases.map((l) => Object.freeze(l))),
  });
}
