import type { ProfileView } from '../../accounts/profile.ts';
import { openUser } from '../../accounts/users.ts';
import type { Keys } from '../../crypto/keys.ts';
import type { ProfileOut } from './schema.ts';

/** The only shape in which a user's registration data leaves the API; the sealed columns are opened here. */
export const presentProfile = (keys: Pick<Keys, 'data'>, { row: r, tenantName }: ProfileView): ProfileOut => {
  const u = openUser(keys, r);
  return {
    id: r.id, email: u.email, name: u.name, company: u.company, billingAddress: u.billingAddress, locale: r.locale,
    role: r.role as ProfileOut['role'], tenantId: r.tenantId, tenantName,
  };
};
