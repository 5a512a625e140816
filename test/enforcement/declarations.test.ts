import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expect, it } from 'vitest';
import { CAN } from '../../src/auth/permissions.ts';
import { findFeature } from '../../src/domain/features.ts';
import { declarationsHook } from '../../src/http/admit.ts';
import { pathSubject, type RouteDecl } from '../../src/http/declare.ts';
import { registerRoutes, type ZodFastify } from '../../src/http/routes.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { checkJob, type Job } from '../../src/jobs/runner.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

type Seen = { route: string; decl: RouteDecl };

/** Every route the app registers, with its declaration, on a bare instance behind the same hook. */
async function enumerate(h: Harness, extra?: (app: ZodFastify) => void): Promise<{ seen: Seen[]; problems: string[] }> {
  const probe = Fastify().withTypeProvider<ZodTypeProvider>();
  probe.setValidatorCompiler(validatorCompiler);
  probe.setSerializerCompiler(serializerCompiler);
  const problems: string[] = [];
  const seen: Seen[] = [];
  probe.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push({ route: `${m} ${r.url}`, decl: (r.config ?? {}) as RouteDecl });
  });
  probe.addHook('onRoute', declarationsHook(h.ctx, problems));
  await registerRoutes(probe, h.ctx);
  extra?.(probe);
  await probe.close();
  return { seen, problems };
}

describeEachStore('every route and job declares what it processes', (h) => {
  it('[C06][C18] each route that touches a personal category names its feature, a permission check and how the gate admits its subject', async () => {
    const { seen, problems } = await enumerate(h());
    expect(seen.length).toBeGreaterThan(80);
    expect(problems).toEqual([]);
    for (const { route, decl } of seen) {
      if (decl.noPersonalData) continue;
      const f = findFeature(decl.feature!);
      expect(f, route).toBeDefined();
      if (f!.feature.categories.length === 0) continue;
      expect(decl.can?.name, route).toBeTruthy();
      expect(['gate', 'ledger', 'many', 'per_subject', 'anonymous'], route).toContain(decl.subject?.admit);
    }
    // The subject-bearing routes that matter most ask the gate itself.
    const gated = new Set(seen.filter((s) => s.decl.subject?.admit === 'gate').map((s) => s.route));
    for (const r of ['POST /api/subscribers/:id/notes', 'GET /api/subscribers/:id/notes', 'POST /api/messages/inbound', 'GET /api/subscribers/:id', 'POST /api/subscribers']) {
      expect(gated, r).toContain(r);
    }
  });

  it('[C06] a route added without its declaration stops the server from starting, and is reported', async () => {
    const { problems } = await enumerate(h(), (app) => {
      app.get('/api/shipments/:id', { schema: { params: z.object({ id: z.uuid() }) } }, async () => ({}));
      app.post('/api/shipments/:id/notes', { config: { feature: 'subscribers.notes' } }, async () => ({}));
      app.post('/api/shipments', { config: { feature: 'subscribers.notes', can: CAN.writeSubjects } }, async () => ({}));
      app.get('/api/shipments/:id/phone', { config: { feature: 'subscribers.notes', can: CAN.readSubjects, subject: { admit: 'gate', locate: pathSubject('subscriber') }, categories: ['user.financial'] } }, async () => ({}));
    });
    expect(problems).toEqual([
      'GET /api/shipments/:id: declares neither a feature nor why it touches no personal data',
      'POST /api/shipments/:id/notes: touches personal data without a permission check',
      'POST /api/shipments/:id/notes: touches personal data without saying how its subject is admitted',
      'POST /api/shipments: touches personal data without saying how its subject is admitted',
      'GET /api/shipments/:id/phone: category user.financial not declared by subscribers.notes',
    ]);
    // The real app refuses to start with such a route.
    const app = Fastify();
    app.addHook('onRoute', declarationsHook(h().ctx));
    expect(() => app.get('/api/shipments', async () => ({}))).toThrow(/undeclared route/);
  });

  it('[C06] each job declares a job feature and how its subjects are admitted; one without is refused', () => {
    expect(JOBS.length).toBeGreaterThan(0);
    for (const job of JOBS) expect(checkJob(job), job.name).toEqual([]);
    const stray: Job = { name: 'export-everyone', schedule: '* * * * *', feature: 'subscribers.read', admit: 'many', why: '', perform: async () => {} };
    expect(checkJob(stray)).toEqual(['export-everyone: subscribers.read is not a job feature', 'export-everyone: says nothing of how its subjects are admitted']);
  });
});

it('[C16] the audit log takes codes, ids and sealed values only: a person\'s words are refused before they are written', async () => {
  const { assertAuditSafe, unsafeAuditValues } = await import('../../src/audit/details.ts');
  expect(unsafeAuditValues({ noteId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', categories: ['user.health'], cards: 2, held: true, at: '2026-12-01T10:00:00.000Z', sealed: 'v1.AbC_-' })).toEqual([]);
  expect(unsafeAuditValues({ source: 'Khách quen từ hội chợ', reference: 'Quyết định 12/2025 TAND', nested: [{ name: 'Nguyễn Văn A' }], phone: '0912345678', email: 'lan@example.vn' }))
    .toEqual(['details.source', 'details.reference', 'details.nested[0].name', 'details.phone', 'details.email']);
  expect(() => assertAuditSafe('subscriber.created', { source: 'mẹ của Lan giới thiệu' })).toThrow(/free text at details.source/);
});
