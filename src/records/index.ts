/**
 * The records of processing of the running system: the declarations in code, and ECOMKEY's own
 * processors with their agreements from the database (a merchant's providers are in its own
 * records, not ECOMKEY's).
 */
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import type { Db } from '../db/index.ts';
import { agreementsOf, PROCESSOR_COLUMNS, type ProcessorRow } from '../disclosures/store.ts';
import { FEATURES } from '../domain/features.ts';
import { PERSONAL_COLUMNS } from '../domain/registry.ts';
import { SUBJECT_TABLES } from '../domain/subject-map.ts';
import { RETENTION_RULES } from '../retention/rules.ts';
import { buildRecords, type ProcessorEntry, type RecordsDocument } from './document.ts';

async function platformProcessors(tx: Sql): Promise<ProcessorEntry[]> {
  const rows = await tx.query<ProcessorRow>(`SELECT ${PROCESSOR_COLUMNS} FROM processors WHERE tenant_id IS NULL AND retired_at IS NULL ORDER BY name`);
  const agreements = await agreementsOf(tx, rows.map((r) => r.id));
  return rows.flatMap((p) => agreements.filter((a) => a.processor_id === p.id).map((a) => ({
    name: p.name, kind: p.kind, categories: a.categories, purposes: a.purposes, retention: a.retention,
    bindsToPolicy: a.binds_to_policy, documentRef: a.document_ref,
  })));
}

export async function currentRecords(db: Db, controller: RecordsDocument['controller']): Promise<RecordsDocument> {
  const processors = await inPlatform(db, platformProcessors);
  return buildRecords({ controller, features: FEATURES, columns: PERSONAL_COLUMNS, tables: SUBJECT_TABLES, rules: RETENTION_RULES, processors });
}
