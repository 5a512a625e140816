import { z } from 'zod';
import { exemptString, freeText } from '../../guard/schema.ts';

export const TransferParams = z.strictObject({ id: z.uuid() });
export const CreateTransferBody = z.strictObject({
  acquirer: freeText({ max: 200, cards: 'refuse' }),
  publicKeyPem: exemptString(z.string().min(100).max(10_000), 'a public key: parsed and checked as one, never a person\'s data'),
  noticeDays: z.number().int().min(0).max(365).optional(),
});

const Readiness = z.object({ ready: z.boolean(), code: z.string().nullable(), unnotified: z.number().int(), noticeEndsAt: z.string().nullable() });
export const TransferOut = z.object({
  id: z.uuid(), acquirer: z.string(), keySha256: z.string(), noticeDays: z.number().int(), state: z.string(),
  announcedAt: z.string().nullable(), startedAt: z.string().nullable(), exportedAt: z.string().nullable(), exportSha256: z.string().nullable(),
  users: z.number().int(), readiness: Readiness,
  notices: z.array(z.object({ userId: z.uuid(), queuedAt: z.string(), sentAt: z.string().nullable() })),
});
export const AnnounceOut = z.object({ mails: z.number().int() });
export const SiteNoticeOut = z.object({ active: z.boolean(), acquirer: z.string().nullable(), notBefore: z.string().nullable() });
