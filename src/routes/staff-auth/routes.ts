import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { signInStaff } from '../../accounts/sign-in.ts';
import { setSessionCookie } from '../auth/cookie.ts';
import { SignInBody, StaffSignInOut } from '../auth/schema.ts';

/** The staff realm's door. Sign-out and GET /api/auth/session serve both realms. */
export const staffAuthRoutes: RouteModule = (app, ctx) => {
  const config = {
    access: 'public', requiresAcceptance: false,
    rateLimit: { max: Math.max(10, Math.floor(ctx.config.rateLimitPerMinute / 20)), timeWindow: '1 minute' },
  } as const;
  app.post('/api/staff/auth/sign-in', { config: { ...config, feature: 'staff.signin', can: CAN.anyone, subject: { admit: 'anonymous', why: 'A staff member signs in for themself' } }, schema: { body: SignInBody, response: { 200: StaffSignInOut }, tags: ['staff'] } }, async (req, reply) => {
    const s = await signInStaff(ctx, req.body.email, req.body.password);
    setSessionCookie(reply, s.sessionToken);
    return { staff: s.staff, csrfToken: s.csrfToken };
  });
};
