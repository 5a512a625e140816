import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { hashPassword, isCommonPassword } from '../crypto/password.ts';
import { inPlatform } from '../db/scope.ts';
import { isAdult, vietnamToday } from '../domain/age.ts';
import { badRequest } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { Locale } from './fields.ts';
import { parentalConsentMail, signUpAttemptMail, verificationMail } from './mails.ts';
import { createTenant } from './tenants.ts';
import { insertUser, userEmailIndex } from './users.ts';
import { issueVerificationToken } from './verify-email.ts';

export type SignUpInput = {
  name: string;
  company: string;
  email: string;
  billingAddress: string;
  password: string;
  dateOfBirth: string;
  locale: Locale;
};

export type SignUpResult = { status: 'verification_sent' | 'parental_consent_required' };

const UNIQUE_VIOLATION = '23505';
export const passwordTooCommon = () => badRequest('password_too_common', 'This password is on the list of common passwords; choose another');

/** Refuses a password every guesser tries first. Every path that sets a password calls this. */
export async function assertPasswordAcceptable(password: string): Promise<void> {
  if (await isCommonPassword(password)) throw passwordTooCommon();
}

/** Thrown inside the sign-up transaction when the address has an account: rolls it back, and the owner is told instead. */
class AddressTaken extends Error {}

/**
 * Registers a merchant on the free plan: tenant, owner, verification mail, audit entry, in
 * one transaction. Asks for name, company, e-mail and billing address, and nothing about
 * payment (C17). The birth date only decides the path and is never stored (C38).
 *
 * An address that already has an account gets the very same answer, and its owner a mail
 * saying someone tried: the form cannot be used to find out who is a customer. Both paths
 * check the password list and hash the password first (scrypt, nearly all of the time taken),
 * then run one short transaction that queues one mail; what differs is a few inserts.
 * @clause C17 @clause C38
 */
export async function signUp(ctx: AppContext, input: SignUpInput, now = new Date()): Promise<SignUpResult> {
  await assertPasswordAcceptable(input.password);
  if (!isAdult(input.dateOfBirth, vietnamToday(now))) return refuseMinor(ctx, input.email, input.locale);

  // The slow, memory-hard hash runs before the transaction opens, so no lock waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    await createAccount(ctx, input, passwordHash);
  } catch (err) {
    if (!(err instanceof AddressTaken)) throw err;
    await inPlatform(ctx.db, async (tx) => {
      const [owner] = await tx.query<{ locale: Locale }>('SELECT locale FROM users WHERE email_bidx = $1', [userEmailIndex(ctx.keys, input.email)]);
      await enqueueMail(tx, ctx, signUpAttemptMail(input.email, owner?.locale ?? input.locale, ctx.config.publicUrl));
    });
  }
  return { status: 'verification_sent' };
}

async function createAccount(ctx: AppContext, input: SignUpInput, passwordHash: string): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    // The address is sealed at rest: it is found by its blind index (C07).
    const [taken] = await tx.query('SELECT 1 FROM users WHERE email_bidx = $1', [userEmailIndex(ctx.keys, input.email)]);
    if (taken) throw new AddressTaken();
    const tenant = { id: await createTenant(tx, keyringFor(ctx.config), input.company) };
    let userId: string;
    try {
      userId = await insertUser(tx, ctx.keys, {
        email: input.email, name: input.name, company: input.company, billingAddress: input.billingAddress, passwordHash, locale: input.locale,
      });
    } catch (err) {
      // Two sign-ups with one address at the same moment: the unique index decides.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new AddressTaken();
      throw err;
    }
    await tx.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [tenant.id, userId]);
    const token = await issueVerificationToken(tx, userId);
    await enqueueMail(tx, ctx, verificationMail(input.email, input.locale, ctx.config.publicUrl, token));
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: tenant.id,
      actor: { type: 'user', id: userId },
      action: 'user.registered',
      target: { type: 'user', id: userId },
      details: { plan: 'free', role: 'owner', source: 'registration', fields: ['name', 'company', 'email', 'billingAddress'] },
    });
  });
}

/**
 * A person under 18: no tenant, no user, no token. The notice goes to the address given
 * and the audit entry records only that a notice was sent, with nothing that identifies them.
 * @clause C38
 */
async function refuseMinor(ctx: AppContext, email: string, locale: Locale): Promise<SignUpResult> {
  await inPlatform(ctx.db, async (tx) => {
    await enqueueMail(tx, ctx, parentalConsentMail(email, locale));
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'anonymous', id: null }, action: 'signup.parental_consent_notice' });
  });
  return { status: 'parental_consent_required' };
}
