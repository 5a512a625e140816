import type { AppContext } from '../app/context.ts';
import { purge, PURGES } from '../jobs/housekeeping.ts';

/**
 * Once the parental-consent notice has left (or can never leave: five failed attempts), the
 * minor's address is no longer needed for anything and is deleted (C38). Until then the
 * outbox row is the only trace of the sign-up. Run by the `purge-minor-notices` job.
 * @clause C38
 */
export const purgeSentMinorNotices = (ctx: Pick<AppContext, 'db' | 'keys'>): Promise<number> => purge(ctx, PURGES.minorNotices);
