import { z } from 'zod';
import { exemptString } from '../../guard/schema.ts';
import { lineText } from '../../accounts/fields.ts';

export const TenantParams = z.strictObject({ tenantId: z.uuid() });

/** Documented here; checked by the route so a missing reason answers access_reason_required. */
// Checked by the route with `AccessReason` (free text, cards refused) before it is stored in the audit entry.
export const AccessReasonHeaders = z.object({ 'x-access-reason': exemptString(z.string(), 'parsed by the route with AccessReason, the guarded free text') .optional() });

/** Why a staff member looks into a tenant's personal data: recorded in that tenant's audit chain. */
export const AccessReason = lineText(500).pipe(z.string().min(10));
