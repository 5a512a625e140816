import type { FastifyReply } from 'fastify';
import type { AppContext } from '../app/context.ts';

/**
 * Runs `work` once the answer has left. For forms that must answer the same for a known and an
 * unknown address (a sign-in link, a new verification mail): the work only a known address
 * causes (a token, a mail in the outbox) then adds nothing to the response time, so timing
 * cannot tell them apart. A failure is logged by name and code, never with the address.
 */
export function afterResponse(ctx: AppContext, reply: FastifyReply, name: string, work: () => Promise<void>): void {
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    work().catch((err: { code?: string }) => ctx.log.warn({ task: name, code: err.code }, 'deferred work failed'));
  };
  // 'close' as well: a client that hangs up must not cancel what it asked for.
  reply.raw.once('finish', run);
  reply.raw.once('close', run);
}
