/**
 * What the running request or job is allowed to process, carried in async context so every
 * tenant transaction opened on its behalf tells the database its purpose and the one subject
 * the gate admitted (see `src/db/scope.ts` and migration 008). Only the route pipeline
 * (`admit`) and the job runner create one; a transaction opened outside any runs with no
 * purpose, and row-level security then hides every restricted subject's content from it.
 * @clause C34 A restriction or objection stops processing, and the database enforces it again.
 * @clause C18 Every processing operation names its purpose.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SubjectRef } from '../consents/types.ts';
import type { Prepared } from '../db/prepared.ts';
import type { Allow } from '../domain/gate.ts';
import type { FeatureName } from '../domain/features.ts';
import type { PurposeKey } from '../domain/taxonomy/index.ts';

/** Why no single gate decision stands for the whole request (see `SubjectDecl`). */
export type Admission = 'gate' | 'ledger' | 'many' | 'per_subject' | 'anonymous';

/**
 * The subject's admission, not yet read: it travels in the same round trip as the request's
 * first statement (the batch of `tenantRead`, the BEGIN of `inTenant`), and `settle` decides on
 * its row before any result reaches the handler. A refusal there throws `GateRefusal`, which
 * the pipeline audits once the transaction has rolled back.
 */
export type PendingAdmission = {
  /** The admission query, prepared on the connection, and its arguments (validated ids only). */
  readonly statement: Prepared;
  readonly params: readonly unknown[];
  readonly tenantId: string;
  done: boolean;
  /** Decides on the query's rows: sets the decision, or throws. */
  settle(rows: readonly Record<string, unknown>[]): void;
  /**
   * Settles a ledger admission (no gate decision, only "the subject is the tenant's") on a check
   * another statement made, e.g. the consent batch's; throws for a gate admission, which needs
   * the snapshot, and 404s an absent subject.
   */
  settlePresent(present: boolean): void;
};

export type Processing = {
  readonly feature: FeatureName;
  readonly purpose: PurposeKey;
  readonly admission: Admission;
  /** The subject the gate (or the ledger rule) admits; its rows are visible to this request. */
  readonly subject: SubjectRef | null;
  /** The gate's allow, when `admission` is 'gate' (null until the pending admission settles). */
  decision: Allow | null;
  readonly pending: PendingAdmission | null;
};

/** The gate refused while a statement was on its way: audited by the pipeline, then answered. */
export class GateRefusal extends Error {
  constructor(readonly deny: { code: string; clause: string; reason: string } & { allow: false }, readonly subject: SubjectRef) {
    super(`gate refused: ${deny.code}`);
  }
}

const store = new AsyncLocalStorage<Processing>();

/** Runs fn with `p` as its processing context (the pipeline and the job runner only). */
export const runProcessing = <T>(p: Processing, fn: () => T): T => store.run(p, fn);

/**
 * Runs fn outside any processing context: work shared by several requests (a consent batch)
 * must not carry the purpose or the pending admission of whichever request started it.
 */
export const outsideProcessing = <T>(fn: () => T): T => store.exit(fn);

/** The admission still to be read with the next statement in `tenantId`, if any. */
export function pendingAdmission(tenantId: string): PendingAdmission | null {
  const p = store.getStore()?.pending;
  return p && !p.done && p.tenantId === tenantId ? p : null;
}

/** The current request's or job's processing context, if any. */
export const currentProcessing = (): Processing | undefined => store.getStore();
