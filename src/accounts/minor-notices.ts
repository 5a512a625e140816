import type { Db } from '../db/index.ts';

/**
 * Once the parental-consent notice has left (or can never leave: five failed attempts), the
 * minor's address is no longer needed for anything and is deleted (C38). Until then the
 * outbox row is the only trace of the sign-up. Meant to run as a periodic job.
 * @clause C38
 */
export async function purgeSentMinorNotices(db: Db): Promise<number> {
  const rows = await db.query(
    `DELETE FROM outbox WHERE kind = 'parental_consent_notice' AND (sent_at IS NOT NULL OR attempts >= 5) RETURNING id`,
  );
  return rows.length;
}
