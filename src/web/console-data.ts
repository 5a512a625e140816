/**
 * What the console pages show, read in one tenant transaction per page (row-level security
 * keeps it to the signed-in merchant's tenant). Consents and restrictions come from the
 * consent ledger's own readers; disclosures and processors from the disclosure ledger's.
 */
import type { AppContext } from '../app/context.ts';
import { consentHistory, consentProof, currentConsents, listRestrictions, type ConsentProof, type ConsentRow, type LedgerSubjectType, type RestrictionRow } from '../consents/index.ts';
import type { Sql } from '../db/index.ts';
import { inTenant } from '../db/scope.ts';
import { listProcessors, type ProcessorWithAgreements } from '../disclosures/processors.ts';
import { listDisclosures, listDisclosuresForSubject, type DisclosurePage } from '../disclosures/queries.ts';
import type { RecordedDisclosure } from '../disclosures/ledger.ts';
import { findTenantName } from '../accounts/tenants.ts';
import { keyringFor } from '../crypto/envelope.ts';
import type { Keys } from '../crypto/keys.ts';
import { BUYER_COLUMNS, openBuyer, type BuyerRow } from '../subjects/buyers.ts';
import { findSubscriber, listSubscribers, openSubscriber } from '../subjects/subscribers.ts';
import { ordersOfBuyer } from '../orders/orders.ts';
import { presentBuyerSummary, presentSubscriberSummary, type SubjectSummary } from './presenters.ts';

export type { SubjectSummary };

async function listBuyers(tx: Sql, limit: number): Promise<BuyerRow[]> {
  return tx.query<BuyerRow>(`SELECT ${BUYER_COLUMNS} FROM buyers ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
}

/** How many subjects consent to each purpose now (each one's latest record per purpose): counts, no person. */
export type PurposeCount = { purpose: string; n: number };

export type SubjectsData = { subscribers: SubjectSummary[]; subscribersNext: string | null; buyers: SubjectSummary[]; consentsByPurpose: PurposeCount[] };

function consentsByPurpose(tx: Sql): Promise<PurposeCount[]> {
  return tx.query<PurposeCount>(
    `SELECT purpose, count(*)::int AS n FROM (
       SELECT DISTINCT ON (subject_type, subject_id, purpose) purpose, given FROM consent_records
       ORDER BY subject_type, subject_id, purpose, recorded_at DESC, seq DESC) latest
     WHERE given GROUP BY purpose ORDER BY n DESC, purpose`,
  );
}

/** The tenant's Subscribers (a page) and its latest Buyers. */
export function loadSubjects(ctx: AppContext, tenantId: string, cursor: string | undefined): Promise<SubjectsData> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const subs = await listSubscribers(tx, { limit: 50, cursor });
    const buyers = await listBuyers(tx, 50);
    return {
      subscribers: subs.rows.map((r) => presentSubscriberSummary(r, openSubscriber(ctx.keys, r))),
      subscribersNext: subs.nextCursor,
      buyers: buyers.map((r) => presentBuyerSummary(r, openBuyer(ctx.keys, r))),
      consentsByPurpose: await consentsByPurpose(tx),
    };
  });
}

// Names are sealed at rest (C07): opened here, and only what the presenter names reaches the page.
async function findSubject(tx: Sql, keys: Pick<Keys, 'data'>, type: LedgerSubjectType, id: string): Promise<SubjectSummary | undefined> {
  if (type === 'subscriber') {
    const r = await findSubscriber(tx, id);
    return r && presentSubscriberSummary(r, openSubscriber(keys, r));
  }
  if (type === 'buyer') {
    const [r] = await tx.query<BuyerRow>(`SELECT ${BUYER_COLUMNS} FROM buyers WHERE id = $1`, [id]);
    return r && presentBuyerSummary(r, openBuyer(keys, r));
  }
  return undefined;
}

/** A Buyer's order as their page lists it: reference, item count, total and date; never the delivery address. */
export type OrderSummary = { id: string; reference: string | null; items: number; total: number; currency: string; createdAt: Date };

export type SubjectData = {
  subject: SubjectSummary; current: ConsentRow[]; history: ConsentRow[]; restrictions: RestrictionRow[]; disclosures: RecordedDisclosure[];
  orders?: OrderSummary[];
};

/** One subject's page, or undefined when the subject is not the tenant's (the page answers 404). */
export function loadSubject(ctx: AppContext, tenantId: string, type: LedgerSubjectType, id: string): Promise<SubjectData | undefined> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const subject = await findSubject(tx, ctx.keys, type, id);
    if (!subject) return undefined;
    const ref = { tenantId, type, id };
    return {
      subject,
      current: await currentConsents(tx, ref),
      history: await consentHistory(tx, ref),
      restrictions: await listRestrictions(tx, ref),
      disclosures: await listDisclosuresForSubject(tx, { type, id }),
      ...(type === 'buyer' ? {
        orders: (await ordersOfBuyer(tx, id)).map((o) => ({ id: o.id, reference: o.reference, items: o.items.length, total: Number(o.total_minor), currency: o.currency, createdAt: o.created_at })),
      } : {}),
    };
  });
}

export type ProofData = ConsentProof & { subject: SubjectSummary | undefined; tenantName: string };

/** A consent record with its notice, its subject and the shop's name; undefined outside the tenant. */
export function loadProof(ctx: AppContext, tenantId: string, recordId: string): Promise<ProofData | undefined> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const proof = await consentProof(tx, recordId).catch((err: { code?: string }) => {
      if (err.code === 'not_found') return undefined;
      throw err;
    });
    if (!proof) return undefined;
    const tenantName = (await findTenantName(tx, keyringFor(ctx.config), tenantId)) ?? '';
    return { ...proof, subject: await findSubject(tx, ctx.keys, proof.record.subject_type, proof.record.subject_id), tenantName };
  });
}

export type DisclosuresData = { page: DisclosurePage; processors: ProcessorWithAgreements[] };

export async function loadDisclosures(ctx: AppContext, tenantId: string, cursor: string | undefined): Promise<DisclosuresData> {
  const page = await inTenant(ctx.db, tenantId, (tx) => listDisclosures(tx, { limit: 50, cursor }));
  return { page, processors: await listProcessors(ctx, tenantId) };
}

export const loadProcessors = (ctx: AppContext, tenantId: string): Promise<ProcessorWithAgreements[]> => listProcessors(ctx, tenantId);
