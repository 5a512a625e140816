import { z } from 'zod';
import { lineText } from '../../accounts/fields.ts';

const Role = z.enum(['admin', 'agent']);

export const ApiKeyCreate = z.strictObject({ name: lineText(100), role: Role });
/** `key` appears in this response only: it is not stored and cannot be shown again. */
export const ApiKeyCreated = z.object({ id: z.uuid(), key: z.string(), prefix: z.string() });

export const ApiKeyParams = z.strictObject({ id: z.uuid() });

export const ApiKeyOut = z.object({
  id: z.uuid(), name: z.string(), prefix: z.string(), role: Role,
  createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
export type ApiKeyOut = z.infer<typeof ApiKeyOut>;
export const ApiKeyList = z.object({ items: z.array(ApiKeyOut) });
