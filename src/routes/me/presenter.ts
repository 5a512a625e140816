import type { ProfileRow } from '../../accounts/profile.ts';
import type { ProfileOut } from './schema.ts';

/** The only shape in which a user's registration data leaves the API. */
export const presentProfile = (r: ProfileRow): ProfileOut => ({
  id: r.id, email: r.email, name: r.name, company: r.company, billingAddress: r.billingAddress, locale: r.locale,
  role: r.role as ProfileOut['role'], tenantId: r.tenantId, tenantName: r.tenantName,
});
