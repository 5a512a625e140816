import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';

describeEachStore('OpenAPI document', (h) => {
  it('is OpenAPI 3.1, generated from the route schemas, and browsable', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    // The subscriber create route's body schema comes from its zod schema, strictness included.
    const body = doc.paths['/api/subscribers'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['channel', 'displayName', 'source', 'legalBasis']));
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.legalBasis.enum).toContain('consent');
    const page = await h().app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});
