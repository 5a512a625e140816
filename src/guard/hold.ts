/**
 * Sensitive disclosures in free text (C14): stored in clear only redacted; the full text is
 * sealed into the record when the subject explicitly consented to every category it discloses,
 * otherwise held sealed in `held_sensitive_data` while the person is asked. The person may then
 * consent (the text is released into the record), restrict or object (it stays held, unused),
 * or have it deleted.
 * @clause C14 Sensitive data is processed only with explicit consent; the subject can object, restrict or delete it.
 * @clause C07 The sensitive parts are encrypted at rest.
 */
import { recordAudit, type AuditActor } from '../audit/log.ts';
import type { SubjectRef } from '../consents/types.ts';
import { openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import { isWithin, type CategoryKey } from '../domain/taxonomy/index.ts';
import { conflict, notFound } from '../errors.ts';
import { categoriesOf, guardText, redactSpans } from './index.ts';

export type HoldTable = 'subscriber_notes' | 'messages';
export type HoldDeps = { tx: Sql; ring: Keyring; auditKey: Buffer; actor: AuditActor };

/**
 * The categories the subject explicitly consented to, as the ledger stands now: the latest
 * record naming each category is a consent given, and no withdrawal of its purpose came after.
 */
export async function consentedCategories(tx: Sql, subject: SubjectRef): Promise<CategoryKey[]> {
  const rows = await tx.query<{ category: CategoryKey }>(
    `SELECT c.category FROM (
       SELECT DISTINCT ON (r.category) r.category, r.purpose, r.given, r.recorded_at, r.seq FROM consent_records r
        WHERE r.tenant_id = $1 AND r.subject_type = $2 AND r.subject_id = $3 AND r.category IS NOT NULL
        ORDER BY r.category, r.recorded_at DESC, r.seq DESC) c
      WHERE c.given AND NOT EXISTS (
        SELECT 1 FROM consent_records w WHERE w.tenant_id = $1 AND w.subject_type = $2 AND w.subject_id = $3
           AND w.purpose = c.purpose AND NOT w.given AND (w.recorded_at, w.seq) > (c.recorded_at, c.seq))`,
    [subject.tenantId, subject.type, subject.id],
  );
  return rows.map((r) => r.category);
}

const covered = (category: CategoryKey, consented: readonly CategoryKey[]): boolean => consented.some((c) => isWithin(category, c));

export type GuardedText = {
  /** The working copy, sealed under the tenant's key (C07): cards masked, every sensitive span redacted. */
  body: string;
  /** The full text (cards masked), sealed, when every category it discloses is consented. */
  bodySealed: string | null;
  /** The full text, sealed for the hold, and the categories still waiting for consent. */
  hold: { categories: CategoryKey[]; sealed: string } | null;
  cards: number;
};

/** Applies the guard (cards masked) and decides where the sensitive parts go. Writes nothing but keys. */
export async function guardForStorage(deps: HoldDeps, subject: SubjectRef, table: HoldTable, text: string): Promise<GuardedText> {
  const all = guardText(text, { mode: 'mask' });
  const sealBody = (clear: string) => sealColumn(deps.tx, deps.ring, subject.tenantId, `${table}.body`, clear);
  if (all.sensitive.length === 0) return { body: await sealBody(all.text), bodySealed: null, hold: null, cards: all.cards };
  const consented = await consentedCategories(deps.tx, subject);
  const body = await sealBody(redactSpans(all.text, all.sensitive));
  const waiting = categoriesOf(all.sensitive).filter((c) => !covered(c, consented));
  if (waiting.length === 0) {
    return { body, bodySealed: await sealColumn(deps.tx, deps.ring, subject.tenantId, `${table}.body_sealed`, all.text), hold: null, cards: all.cards };
  }
  const sealed = await sealColumn(deps.tx, deps.ring, subject.tenantId, 'held_sensitive_data.sealed_value', all.text);
  return { body, bodySealed: null, hold: { categories: waiting, sealed }, cards: all.cards };
}

/** Records the hold for a stored row. Returns the hold's id. @clause C29 */
export async function holdSensitive(
  deps: HoldDeps, subject: SubjectRef, target: { table: HoldTable; id: string }, hold: { categories: CategoryKey[]; sealed: string },
): Promise<string> {
  const [row] = await deps.tx.query<{ id: string }>(
    `INSERT INTO held_sensitive_data (tenant_id, subject_type, subject_id, target_table, target_id, categories, sealed_value)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [subject.tenantId, subject.type, subject.id, target.table, target.id, hold.categories, hold.sealed],
  );
  await recordAudit(deps.tx, deps.auditKey, {
    tenantId: subject.tenantId, actor: deps.actor, action: 'sensitive.held',
    target: { type: subject.type, id: subject.id }, details: { heldId: row!.id, table: target.table, categories: hold.categories },
  });
  // Nobody is mailed from here: ECOMKEY never contacts a merchant's Subscribers (C29). The shop's
  // bot asks in its own chat (the API answers `sensitiveHeld` with the hold's id and categories),
  // and the person sees and answers the hold in the privacy center.
  return row!.id;
}

export type HeldRow = {
  id: string; subject_type: string; subject_id: string; target_table: HoldTable; target_id: string;
  categories: CategoryKey[]; status: 'held' | 'released' | 'restricted' | 'objected' | 'deleted'; created_at: Date; resolved_at: Date | null;
};
export const HELD_COLUMNS = 'id, subject_type, subject_id, target_table, target_id, categories, status, created_at, resolved_at';

async function loadHeld(tx: Sql, id: string): Promise<HeldRow & { sealed_value: string | null; tenant_id: string }> {
  const [row] = await tx.query<HeldRow & { sealed_value: string | null; tenant_id: string }>(
    `SELECT ${HELD_COLUMNS}, sealed_value, tenant_id FROM held_sensitive_data WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound('held sensitive data');
  return row;
}

export type HeldAction = 'release' | 'restrict' | 'object' | 'delete';
const STATUS: Record<HeldAction, HeldRow['status']> = { release: 'released', restrict: 'restricted', object: 'objected', delete: 'deleted' };

/**
 * The person's answer to a hold. `release` needs an explicit consent on record for every held
 * category (409 consent_missing otherwise) and moves the sealed text into its record; restrict
 * and object keep it sealed and unused; delete erases it. A deleted or released hold is final.
 */
export async function resolveHeld(deps: HoldDeps, id: string, action: HeldAction): Promise<HeldRow> {
  const row = await loadHeld(deps.tx, id);
  if (row.status === 'deleted' || row.status === 'released') throw conflict('held_data_resolved', `This held data was already ${row.status}`);
  let sealed: string | null = row.sealed_value;
  if (action === 'release') {
    const subject: SubjectRef = { tenantId: row.tenant_id, type: row.subject_type as SubjectRef['type'], id: row.subject_id };
    const consented = await consentedCategories(deps.tx, subject);
    const missing = row.categories.filter((c) => !covered(c, consented));
    if (missing.length > 0) throw conflict('consent_missing', 'Record the person\'s explicit consent for every held category first');
    const text = await openColumn(deps.tx, deps.ring, row.tenant_id, 'held_sensitive_data.sealed_value', row.sealed_value!);
    const resealed = await sealColumn(deps.tx, deps.ring, row.tenant_id, `${row.target_table}.body_sealed`, text);
    await deps.tx.query(`UPDATE ${row.target_table} SET body_sealed = $2 WHERE id = $1`, [row.target_id, resealed]);
    sealed = null;
  }
  if (action === 'delete') sealed = null;
  const [updated] = await deps.tx.query<HeldRow>(
    `UPDATE held_sensitive_data SET status = $2, sealed_value = $3, resolved_at = now() WHERE id = $1 RETURNING ${HELD_COLUMNS}`,
    [id, STATUS[action], sealed],
  );
  await recordAudit(deps.tx, deps.auditKey, {
    tenantId: row.tenant_id, actor: deps.actor, action: `sensitive.${STATUS[action]}`,
    target: { type: row.subject_type, id: row.subject_id }, details: { heldId: id, categories: row.categories },
  });
  return updated!;
}
