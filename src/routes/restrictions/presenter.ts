import type { RestrictionRow } from '../../consents/types.ts';
import type { RestrictionOut } from './schema.ts';

/** The only shape in which a restriction or objection leaves the API. */
export const presentRestriction = (r: RestrictionRow): RestrictionOut => ({
  id: r.id,
  subject: { type: r.subject_type, id: r.subject_id },
  kind: r.kind,
  purpose: r.purpose,
  category: r.category,
  reason: r.reason,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by_type,
  active: r.lifted_at === null,
  lifted: r.lifted_at && r.lifted_by ? { at: new Date(r.lifted_at).toISOString(), by: r.lifted_by, reference: r.lift_reference } : null,
});
