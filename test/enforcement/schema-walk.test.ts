import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expect, it } from 'vitest';
import { exemptString, freeText, identifier, unguardedStrings } from '../../src/guard/schema.ts';
import { registerRoutes } from '../../src/http/routes.ts';
import { describeEachStore } from '../support/harness.ts';

const PARTS = ['body', 'querystring', 'params', 'headers'] as const;

describeEachStore('every string the API accepts is guarded', (h) => {
  it('[C02][C14] each string field of each route\'s schemas is free text, a strict identifier, or exempt with a reason', async () => {
    const probe = Fastify().withTypeProvider<ZodTypeProvider>();
    probe.setValidatorCompiler(validatorCompiler);
    probe.setSerializerCompiler(serializerCompiler);
    const open: string[] = [];
    let walked = 0;
    probe.addHook('onRoute', (r) => {
      const schema = (r.schema ?? {}) as Partial<Record<(typeof PARTS)[number], z.ZodType>>;
      for (const part of PARTS) {
        if (!schema[part]) continue;
        walked++;
        for (const p of unguardedStrings(schema[part], part)) open.push(`${[r.method].flat().join(',')} ${r.url} ${p}`);
      }
    });
    await registerRoutes(probe, h().ctx);
    await probe.close();
    expect(walked).toBeGreaterThan(60);
    expect(open).toEqual([]);
  });
});

it('[C02] the walk finds a plain string wherever it hides, and accepts the three guarded kinds', () => {
  const schema = z.strictObject({
    note: freeText({ max: 100, cards: 'mask' }),
    ref: identifier(/^[A-Z0-9-]+$/, { max: 40 }).optional(),
    password: exemptString(z.string().min(8), 'hashed, never stored or logged'),
    id: z.uuid(),
    tags: z.array(z.string()),
    nested: z.object({ city: z.string().nullable() }).optional(),
    either: z.union([z.number(), z.string().default('x')]),
  });
  expect(unguardedStrings(schema, 'body')).toEqual(['body.tags[]', 'body.nested.city', 'body.either|1']);
  // An identifier refuses a card number unless its pattern says why long digit runs are expected.
  expect(identifier(/^[0-9 ]+$/, { max: 40 }).safeParse('4111 1111 1111 1111').success).toBe(false);
  expect(identifier(/^[0-9]+$/, { max: 40, digitsExpected: 'Messenger page-scoped ids are 15–17 digits' }).safeParse('4111111111111111').success).toBe(true);
});
