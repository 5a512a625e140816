import type { AccountRow } from '../../channels/accounts.ts';
import type { ChannelOut } from './schema.ts';

/** The only shape in which a channel account leaves the API: never a secret (those are shown once, by the route that made them). */
export const presentChannel = (publicUrl: string, r: AccountRow): ChannelOut => ({
  id: r.id, platform: r.platform, platformAccount: r.platform_account, appRef: r.app_ref, label: r.label,
  webhookUrl: `${publicUrl}/webhooks/${r.platform}/${r.id}`,
  createdAt: new Date(r.created_at).toISOString(), rotatedAt: r.rotated_at ? new Date(r.rotated_at).toISOString() : null,
});
