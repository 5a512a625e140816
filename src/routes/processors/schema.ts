import { z } from 'zod';
import { identifier, taxonomyKey } from '../../guard/schema.ts';
import { lineText } from '../../accounts/fields.ts';
import { PROCESSOR_KINDS } from '../../disclosures/rules.ts';

export const ProcessorParams = z.strictObject({ id: z.uuid() });

export const ProcessorCreate = z.strictObject({
  /** The provider's company name. */
  name: lineText(200),
  kind: z.enum(PROCESSOR_KINDS),
  /** A business contact for the agreement: a privacy desk or role address, not a person's own. */
  contact: lineText(320).optional(),
});

/** Keys are checked against the taxonomy by the command, so an unknown one gets its own code. */
const Key = taxonomyKey();

export const AgreementCreate = z.strictObject({
  signedAt: z.iso.date(),
  effectiveFrom: z.iso.date(),
  expiresAt: z.iso.date().nullable().optional(),
  categories: z.array(Key).min(1).max(50),
  purposes: z.array(Key).min(1).max(8),
  /** How long the provider keeps the data, in words ("30 days after termination") and in days. */
  retention: lineText(200),
  retentionDays: z.number().int().min(0).max(36_500),
  /** File name or archive reference of the signed document. */
  documentRef: lineText(300),
  documentSha256: identifier(/^[0-9a-f]{64}$/, { max: 64, digitsExpected: 'a SHA-256 in hex' }).optional(),
  /** The agreement binds the provider to this Privacy Policy and limits it to the service (C26). */
  bindsToPolicy: z.boolean(),
});

export const AgreementOut = z.object({
  id: z.uuid(),
  signedAt: z.string(),
  effectiveFrom: z.string(),
  expiresAt: z.string().nullable(),
  categories: z.array(z.string()),
  purposes: z.array(z.string()),
  retention: z.string(),
  retentionDays: z.number(),
  documentRef: z.string(),
  documentSha256: z.string().nullable(),
  bindsToPolicy: z.boolean(),
  inForce: z.boolean(),
  createdAt: z.string(),
});
export type AgreementOut = z.infer<typeof AgreementOut>;

export const ProcessorOut = z.object({
  id: z.uuid(),
  /** `platform`: one of ECOMKEY's own providers; `tenant`: the merchant's. */
  scope: z.enum(['platform', 'tenant']),
  name: z.string(),
  kind: z.string(),
  contact: z.string().nullable(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  agreements: z.array(AgreementOut),
});
export type ProcessorOut = z.infer<typeof ProcessorOut>;

export const ProcessorList = z.object({ items: z.array(ProcessorOut) });
