import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteModule } from '../../http/routes.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/log.ts';
import { CAN } from '../../auth/permissions.ts';
import { inTenant } from '../../db/scope.ts';
import { buildSnapshot, decide, requireAllowed } from '../../domain/gate.ts';
import { AppError, badRequest, unprocessable } from '../../errors.ts';
import { CsvError } from '../../imports/csv.ts';
import { checkImport, importSubscribers, INLINE_ROWS, MAX_IMPORT_ROWS } from '../../imports/subscribers.ts';
import { expireStaleImports, importProgress, stageImport } from '../../imports/import-job.ts';
import { notFound } from '../../errors.ts';
import { newSubscriberRecords } from '../../subjects/admission.ts';
import { LegalBasis } from '../subscribers/schema.ts';

const ImportQuery = z.strictObject({ legalBasis: LegalBasis });
const Imported = z.object({ imported: z.number().int() });
const Progress = z.object({ id: z.uuid(), state: z.enum(['queued', 'running', 'done', 'failed']), total: z.number().int(), done: z.number().int(), failureCode: z.string().nullable() });
const ImportParams = z.strictObject({ id: z.uuid() });
const FILE_LIMIT = 5 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    csvBody?: Buffer;
  }
}

/** `POST /api/subscribers/import` with a `text/csv` body: all rows or none (C10). */
export const subscriberImportRoutes: RouteModule = async (app, ctx) => {
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    // The bytes as uploaded: the encoding is checked, never guessed.
    raw.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (req, body: Buffer, done) => {
      req.csvBody = body;
      done(null, undefined);
    });
    raw.post('/api/subscribers/import', {
      config: {
        feature: 'subscribers.create', can: CAN.writeSubjects,
        subject: { admit: 'per_subject', why: 'Every imported row stands on the legal basis the shop records for the file; the gate decides on it before any row is stored (C10)' },
      },
      schema: { querystring: ImportQuery, response: { 201: Imported, 202: Progress }, tags: ['subscribers'] },
    }, async (req, reply) => {
      const actor = req.actor as UserActor;
      if (!req.csvBody) throw badRequest('csv_missing', 'Send the file as text/csv');
      let check;
      try {
        check = checkImport(req.csvBody);
      } catch (err) {
        if (err instanceof CsvError) throw badRequest(err.code, err.detail);
        throw err;
      }
      if (check.problems.length > 0) {
        throw unprocessable('import_rows_invalid', 'Some rows are not valid: nothing was imported', { problems: check.problems.slice(0, 100), total: check.problems.length });
      }
      if (check.rows.length > MAX_IMPORT_ROWS) throw new AppError(413, 'import_too_large', `At most ${MAX_IMPORT_ROWS} rows per file`);
      // The basis the file's rows stand on, asked of the gate as for one new Subscriber.
      const admitted = newSubscriberRecords(actor.tenantId, { legalBasis: req.query.legalBasis, source: 'import:csv' });
      requireAllowed(decide(buildSnapshot(admitted.records!), {
        feature: 'subscribers.create', subject: { type: 'subscriber', id: admitted.subject.id, tenantId: actor.tenantId }, purpose: 'provide_service', categories: ['user.name'], at: Date.now(),
      }));
      if (check.rows.length > INLINE_ROWS) {
        // A large file: checked whole above, stored by the import job; the answer says where to follow it.
        await expireStaleImports(ctx, actor.tenantId);
        const id = await inTenant(ctx.db, actor.tenantId, async (tx) => {
          const importId = await stageImport(tx, ctx, actor.tenantId, check.rows, req.query.legalBasis);
          await recordAudit(tx, ctx.keys.audit, { tenantId: actor.tenantId, actor: auditActor(actor), action: 'subscribers.import_queued', target: { type: 'subscriber_import', id: importId }, details: { rows: check.rows.length, legalBasis: req.query.legalBasis } });
          return importId;
        });
        return reply.code(202).header('location', `/api/subscriber-imports/${id}`).send({ id, state: 'queued' as const, total: check.rows.length, done: 0, failureCode: null });
      }
      const ids = await inTenant(ctx.db, actor.tenantId, (tx) => importSubscribers(tx, ctx.keys, ctx.keys.audit, auditActor(actor), actor.tenantId, check.rows, req.query.legalBasis));
      return reply.code(201).send({ imported: ids.length });
    });
  });

  app.get('/api/subscriber-imports/:id', {
    config: { noPersonalData: 'An import\'s state and row counts, never its rows', can: CAN.readSubjects },
    schema: { params: ImportParams, response: { 200: Progress }, tags: ['subscribers'] },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const p = await inTenant(ctx.db, actor.tenantId, (tx) => importProgress(tx, req.params.id));
    if (!p) throw notFound('import');
    return p as z.infer<typeof Progress>;
  });
};
