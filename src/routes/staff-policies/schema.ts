import { z } from 'zod';
import { asFreeText, rejectCards } from '../../guard/schema.ts';

// Texts are stored exactly as sent (the content hash covers them), so blank is refused, not trimmed.
// A policy text is a few pages; the cap keeps one request from filling the table.
const Body = asFreeText(z.string().max(100_000).regex(/\S/, 'must not be blank').superRefine(rejectCards));
const Summary = asFreeText(z.string().max(2_000).regex(/\S/, 'must not be blank').superRefine(rejectCards));

/** Both languages are required: every version must be readable in Vietnamese and English. */
export const PublishPolicyBody = z.strictObject({
  kind: z.enum(['privacy', 'terms']),
  bodyVi: Body,
  bodyEn: Body,
  summaryVi: Summary,
  summaryEn: Summary,
  significant: z.boolean(),
});

export const PublishPolicyOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  contentHash: z.string(),
  notified: z.number().int(),
});
