import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
const WHY = 'The person signs up, verifies or signs in for themself: nobody is known yet';
const ANON = { admit: 'anonymous', why: WHY } as const;
const SESSION = { admit: 'many', why: 'The caller\'s own session: no other subject' } as const;
import { resendVerification, verifyEmail } from '../../accounts/verify-email.ts';
import { signInUser } from '../../accounts/sign-in.ts';
import { signUp } from '../../accounts/sign-up.ts';
import { whoAmI } from '../../accounts/who-am-i.ts';
import { destroySession } from '../../auth/sessions.ts';
import { sessionCacheKey } from '../../http/authenticate.ts';
import { clearSessionCookie, setSessionCookie } from './cookie.ts';
import {
  ResendVerificationBody, ResendVerificationOut, SessionOut, SignInBody, SignInOut, SignUpBody, SignUpOut, VerifyEmailBody, VerifyEmailOut,
} from './schema.ts';

/** Before acceptance and without an account: these routes are how one gets both. */
const OPEN = { access: 'public', requiresAcceptance: false } as const;
const tags = ['auth'];

export const authRoutes: RouteModule = (app, ctx) => {
  // Credential endpoints get a tighter per-address limit than the rest of the API (guessing, mail flooding).
  const credentials = { ...OPEN, rateLimit: { max: Math.max(10, Math.floor(ctx.config.rateLimitPerMinute / 20)), timeWindow: '1 minute' } };

  app.post('/api/auth/sign-up', { config: { ...credentials, feature: 'accounts.signup', can: CAN.anyone, subject: ANON }, schema: { body: SignUpBody, response: { 201: SignUpOut, 202: SignUpOut }, tags } }, async (req, reply) => {
    const result = await signUp(ctx, req.body);
    // 202: nothing was created, only a notice sent (C38).
    return reply.code(result.status === 'verification_sent' ? 201 : 202).send(result);
  });

  app.post('/api/auth/verify-email', { config: { ...credentials, feature: 'accounts.verify_email', can: CAN.anyone, subject: ANON }, schema: { body: VerifyEmailBody, response: { 200: VerifyEmailOut }, tags } }, async (req) => {
    await verifyEmail(ctx, req.body.token);
    return { status: 'verified' as const };
  });

  app.post(
    '/api/auth/resend-verification',
    { config: { ...credentials, feature: 'accounts.verify_email', can: CAN.anyone, subject: ANON }, schema: { body: ResendVerificationBody, response: { 202: ResendVerificationOut }, tags } },
    async (req, reply) => {
      await resendVerification(ctx, req.body.email, req.body.locale);
      return reply.code(202).send({ status: 'verification_sent' as const });
    },
  );

  app.post('/api/auth/sign-in', { config: { ...credentials, feature: 'accounts.signin', can: CAN.anyone, subject: ANON }, schema: { body: SignInBody, response: { 200: SignInOut }, tags } }, async (req, reply) => {
    const s = await signInUser(ctx, req.body.email, req.body.password);
    setSessionCookie(reply, s.sessionToken);
    return { user: s.user, csrfToken: s.csrfToken, acceptanceRequired: s.acceptanceRequired };
  });

  app.post('/api/auth/sign-out', { config: { access: 'any', requiresAcceptance: false, feature: 'accounts.signin', can: CAN.anyone, subject: SESSION }, schema: { tags } }, async (req, reply) => {
    const a = req.actor;
    // The guard has already checked the CSRF token of a cookie session, so a foreign page cannot sign anyone out.
    if (a.kind !== 'anonymous' && a.sessionHash) {
      await destroySession(ctx.db, a.sessionHash);
      ctx.caches.actors.delete(sessionCacheKey(a.sessionHash));
    }
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/session', { config: { access: 'any', requiresAcceptance: false, feature: 'accounts.signin', can: CAN.anyone, subject: SESSION }, schema: { response: { 200: SessionOut }, tags } }, async (req) =>
    whoAmI(ctx, req.actor),
  );
};
