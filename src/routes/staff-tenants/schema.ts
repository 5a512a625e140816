import { z } from 'zod';
import { lineText } from '../../accounts/fields.ts';

export const TenantParams = z.strictObject({ tenantId: z.uuid() });

/** Documented here; checked by the route so a missing reason answers access_reason_required. */
export const AccessReasonHeaders = z.object({ 'x-access-reason': z.string().optional() });

/** Why a staff member looks into a tenant's personal data: recorded in that tenant's audit chain. */
export const AccessReason = lineText(500).pipe(z.string().min(10));
