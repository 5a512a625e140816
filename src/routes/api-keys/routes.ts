import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../accounts/api-keys.ts';
import { canManageApiKeys, isUser } from '../../auth/permissions.ts';
import type { Actor, UserActor } from '../../auth/actor.ts';
import { forbidden } from '../../errors.ts';
import { presentApiKey } from './presenter.ts';
import { ApiKeyCreate, ApiKeyCreated, ApiKeyList, ApiKeyParams } from './schema.ts';

const tags = ['api-keys'];

function keyManager(a: Actor): UserActor {
  if (!isUser(a) || !canManageApiKeys(a)) throw forbidden('role_forbidden', 'Only an owner or admin, signed in, may manage API keys');
  return a;
}

/** API keys for a merchant's servers: hashed at rest, shown once. */
export const apiKeyRoutes: RouteModule = (app, ctx) => {
  app.post('/api/api-keys', { config: { feature: 'api_keys.manage', can: CAN.manageApiKeys }, schema: { body: ApiKeyCreate, response: { 201: ApiKeyCreated }, tags } }, async (req, reply) => {
    const key = await issueApiKey(ctx, keyManager(req.actor), req.body);
    return reply.code(201).send(key);
  });

  app.get('/api/api-keys', { config: { feature: 'api_keys.manage', can: CAN.manageApiKeys }, schema: { response: { 200: ApiKeyList }, tags } }, async (req) => ({
    items: (await listApiKeys(ctx, keyManager(req.actor))).map(presentApiKey),
  }));

  app.delete('/api/api-keys/:id', { config: { feature: 'api_keys.manage', can: CAN.manageApiKeys }, schema: { params: ApiKeyParams, tags } }, async (req, reply) => {
    await revokeApiKey(ctx, keyManager(req.actor), req.params.id);
    return reply.code(204).send();
  });
};
