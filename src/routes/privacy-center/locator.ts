import type { AppContext } from '../../app/context.ts';
import type { Locator } from '../../http/declare.ts';
import { centerPrincipal } from '../../privacy-center/auth.ts';

/** The person signed in to the privacy center: the subject of every request there (their own choices and rights). */
export const centerSubject = (ctx: AppContext): Locator => ({
  describe: 'the person signed in to the privacy center', pure: true,
  tenant: async (req) => (await centerPrincipal(ctx, req))?.subject.tenantId ?? null,
  find: async (req) => {
    const p = await centerPrincipal(ctx, req);
    return p ? { subject: p.subject } : null;
  },
});
