import type { RouteModule } from '../../http/routes.ts';
import { ACCOUNT_COLUMNS, generatedSecrets, insertAccount, openSecrets, rotateAccount, type AccountRow, type ChannelSecrets } from '../../channels/accounts.ts';
import type { Platform } from '../../channels/events.ts';
import { recordAudit } from '../../audit/log.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { presentChannel } from './presenter.ts';
import { setTelegramWebhook } from '../../channels/platform-setup.ts';
import { ChannelCreate, ChannelCreated, ChannelList, ChannelParams, ChannelSecretsIn } from './schema.ts';

const tags = ['channels'];
const noData = 'Page, OA and bot ids and the shop\'s sealed platform secrets: no one\'s personal data';

// What the merchant must bring from each platform; the rest Pledge makes.
const REQUIRED: Readonly<Record<Platform, readonly ('appSecret' | 'oaSecretKey' | 'accessToken' | 'appRef')[]>> = {
  messenger: ['appSecret', 'accessToken'],
  zalo: ['appRef', 'oaSecretKey', 'accessToken'],
  telegram: ['accessToken'],
};

const given = (b: { appSecret?: string | undefined; oaSecretKey?: string | undefined; accessToken?: string | undefined }): ChannelSecrets => ({
  ...(b.appSecret ? { appSecret: b.appSecret } : {}), ...(b.oaSecretKey ? { oaSecretKey: b.oaSecretKey } : {}), ...(b.accessToken ? { accessToken: b.accessToken } : {}),
});

/** A shop's channel accounts: connect, list, rotate secrets (C07: sealed, shown once). */
export const channelRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  /** After the commit (never inside the transaction): Telegram learns the webhook URL and the new secret token. */
  const setWebhook = async (row: AccountRow, made: ChannelSecrets, botToken: string | undefined) => {
    if (row.platform !== 'telegram' || !made.secretToken || !botToken) return {};
    const out = presentChannel(ctx.config.publicUrl, row);
    return { telegramWebhook: await setTelegramWebhook(ctx.config.channelApi.telegram, botToken, out.webhookUrl, made.secretToken) };
  };

  app.post('/api/channels', {
    config: { noPersonalData: noData, can: CAN.manageChannels },
    schema: { body: ChannelCreate, response: { 201: ChannelCreated }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    const missing = REQUIRED[b.platform].filter((k) => !b[k]);
    if (missing.length > 0) throw badRequest('channel_secret_missing', 'A secret the platform issues is missing', { missing });
    const made = generatedSecrets(b.platform);
    const row = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const taken = await tx.query('SELECT 1 FROM channel_accounts WHERE platform = $1 AND platform_account = $2', [b.platform, b.platformAccount]);
      if (taken.length > 0) throw conflict('channel_exists', 'This page, OA or bot is already connected');
      const r = await insertAccount(tx, ring, actor.tenantId, { platform: b.platform, platformAccount: b.platformAccount, appRef: b.appRef, label: b.label, secrets: { ...given(b), ...made } });
      await recordAudit(tx, ctx.keys.audit, { tenantId: actor.tenantId, actor: auditActor(actor), action: 'channel.connected', target: { type: 'channel_account', id: r.id }, details: { platform: b.platform } });
      return r;
    });
    return reply.code(201).send({ ...presentChannel(ctx.config.publicUrl, row), secrets: made, ...(await setWebhook(row, made, b.accessToken)) });
  });

  app.get('/api/channels', {
    config: { noPersonalData: noData, can: CAN.manageChannels },
    schema: { response: { 200: ChannelList }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) => tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts ORDER BY created_at`));
    return { items: rows.map((r) => presentChannel(ctx.config.publicUrl, r)) };
  });

  app.post('/api/channels/:id/rotate', {
    config: { noPersonalData: noData, can: CAN.manageChannels },
    schema: { params: ChannelParams, body: ChannelSecretsIn, response: { 200: ChannelCreated }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const { row, made, botToken } = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [r] = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1 FOR UPDATE`, [req.params.id]);
      if (!r) throw notFound('channel');
      const out = await rotateAccount(tx, ring, r, given(req.body));
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'channel.rotated', target: { type: 'channel_account', id: r.id },
        details: { platform: r.platform, replaced: Object.keys(given(req.body)) },
      });
      return { ...out, botToken: r.platform === 'telegram' ? (await openSecrets(tx, ring, out.row)).accessToken : undefined };
    });
    return { ...presentChannel(ctx.config.publicUrl, row), secrets: made, ...(await setWebhook(row, made, botToken)) };
  });
};
