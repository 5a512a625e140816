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
import type { Allow } from '../domain/gate.ts';
import type { FeatureName } from '../domain/features.ts';
import type { PurposeKey } from '../domain/taxonomy/index.ts';

/** Why no single gate decision stands for the whole request (see `SubjectDecl`). */
export type Admission = 'gate' | 'ledger' | 'many' | 'per_subject' | 'anonymous';

export type Processing = {
  readonly feature: FeatureName;
  readonly purpose: PurposeKey;
  readonly admission: Admission;
  /** The subject the gate (or the ledger rule) admitted; its rows are visible to this request. */
  readonly subject: SubjectRef | null;
  /** The gate's allow, when `admission` is 'gate'. */
  readonly decision: Allow | null;
};

const store = new AsyncLocalStorage<Processing>();

/** Runs fn with `p` as its processing context (the pipeline and the job runner only). */
export const runProcessing = <T>(p: Processing, fn: () => T): T => store.run(Object.freeze(p), fn);

/** The current request's or job's processing context, if any. */
export const currentProcessing = (): Processing | undefined => store.getStore();

/** The gate's allow for the current request; throws when the pipeline did not ask the gate. */
export function currentDecision(): Allow {
  const p = store.getStore();
  if (!p?.decision) throw new Error('no gate decision in this context: declare the route\'s subject so the pipeline asks the gate');
  return p.decision;
}
