import { CAN, isUser } from '../../auth/permissions.ts';
import { publishPost, threadPosts } from '../../community/posts.ts';
import { forbidden } from '../../errors.ts';
import { selfCustomer } from '../../http/declare.ts';
import type { RouteModule } from '../../http/routes.ts';
import { PostBody, PublicPostOut, ThreadOut, ThreadQuery } from './schema.ts';

const tags = ['community'];

/** Feedback and blog comments (C09): a signed-in Customer posts; anyone reads the public fields. */
export const communityRoutes: RouteModule = (app, ctx) => {
  app.get('/api/community/posts', {
    config: { access: 'public', requiresAcceptance: false, feature: 'community.read', can: CAN.anyone, subject: { admit: 'many', why: 'Posts their authors published: username, city and text only' } },
    schema: { querystring: ThreadQuery, response: { 200: ThreadOut }, tags },
  }, async (req) => ({ thread: req.query.thread, items: await threadPosts(ctx, req.query.thread) }));

  app.post('/api/community/posts', {
    config: { feature: 'community.post', can: CAN.ownAccount, subject: { admit: 'gate', locate: selfCustomer } },
    schema: { body: PostBody, response: { 201: PublicPostOut }, tags },
  }, async (req, reply) => {
    if (!isUser(req.actor)) throw forbidden('tenant_forbidden', 'Only a Customer account posts');
    return reply.code(201).send(await publishPost(ctx, req.actor.userId, req.body));
  });
};
