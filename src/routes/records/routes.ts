import { z } from 'zod';
import { CAN } from '../../auth/permissions.ts';
import type { RouteModule } from '../../http/routes.ts';
import { currentRecords } from '../../records/index.ts';
import { renderRecordsHtml } from '../../records/page.tsx';
import { htmlToPdf } from '../../records/pdf.ts';

const Query = z.strictObject({ lang: z.enum(['vi', 'en']).default('vi'), format: z.enum(['html', 'pdf', 'json']).default('html') });

/** The records of processing (C39), generated on each request from the declarations and the processors on file. */
export const recordsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/staff/records', {
    config: { access: 'staff', can: CAN.privacyOfficer, noPersonalData: 'Declared columns, features, rules and ECOMKEY\'s processors: a description of processing, no one\'s data' },
    schema: { querystring: Query, tags: ['staff'] },
  }, async (req, reply) => {
    const doc = await currentRecords(ctx.db, { name: 'ECOMKEY', contact: ctx.config.mailFrom });
    if (req.query.format === 'json') return doc;
    const html = renderRecordsHtml({ doc, lang: req.query.lang, generatedAt: new Date() });
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(html);
    const pdf = await htmlToPdf(html);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="records-of-processing-${req.query.lang}.pdf"`).send(pdf);
  });
};
