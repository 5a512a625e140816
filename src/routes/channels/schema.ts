import { z } from 'zod';
import { exemptString, freeText, identifier } from '../../guard/schema.ts';

export const ChannelParams = z.strictObject({ id: z.uuid() });

const platformId = (what: string) => identifier(/^[A-Za-z0-9_.:-]+$/, { max: 100, digitsExpected: `${what} ids are long digit runs; an organisation's id, not a person's` });
/** A platform secret: sealed at rest, never logged or echoed back (C07). */
const platformSecret = () => exemptString(z.string().min(8).max(512).regex(/^[\x21-\x7e]+$/), 'a platform secret: sealed at rest under the tenant key, never logged or shown again');

export const ChannelSecretsIn = z.strictObject({
  appSecret: platformSecret().optional(),
  oaSecretKey: platformSecret().optional(),
  accessToken: platformSecret().optional(),
});

export const ChannelCreate = ChannelSecretsIn.extend({
  platform: z.enum(['messenger', 'zalo', 'telegram']),
  platformAccount: platformId('page, OA and bot'),
  appRef: platformId('Meta and Zalo app').optional(),
  label: freeText({ max: 120, cards: 'refuse' }).optional(),
});

export const ChannelOut = z.object({
  id: z.uuid(),
  platform: z.string(),
  platformAccount: z.string(),
  appRef: z.string().nullable(),
  label: z.string(),
  webhookUrl: z.string(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});
export type ChannelOut = z.infer<typeof ChannelOut>;

/** Shown once: the secrets Pledge made, to give the platform (verify token, Telegram secret token). */
export const ChannelCreated = ChannelOut.extend({
  secrets: z.object({ verifyToken: z.string().optional(), secretToken: z.string().optional() }),
  /** Telegram: whether Pledge set the webhook and its secret with `setWebhook` (else the shop sets it with the secret above). */
  telegramWebhook: z.enum(['set', 'platform_refused', 'platform_unreachable']).optional(),
});
export const ChannelList = z.object({ items: z.array(ChannelOut) });
