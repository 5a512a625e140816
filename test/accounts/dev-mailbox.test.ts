import { afterAll, describe, expect, it } from 'vitest';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { post, signUpBody } from './support.ts';

describe('dev mailbox', () => {
  const booted: Harness[] = [];
  afterAll(async () => {
    for (const h of booted) {
      await h.app.close();
      await h.ctx.db.close();
    }
  });

  it('without SMTP the outbox is the mail path, readable at /api/dev/mailbox', async () => {
    const h = await bootHarness(testStores()[0]!);
    booted.push(h);
    const body = signUpBody({ locale: 'en' });
    await post(h, '/api/auth/sign-up', body);
    const res = await h.app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(body.email as string)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: expect.any(Number), to: body.email, subject: 'Confirm your e-mail address for Pledge', text: expect.stringContaining('/verify-email?token='), createdAt: expect.any(String) },
    ]);
    expect((await h.app.inject({ method: 'GET', url: '/api/dev/mailbox?limit=0' })).json().code).toBe('validation_failed');
  });

  it('with SMTP_URL set the dev mailbox does not exist', async () => {
    const h = await bootHarness(testStores()[0]!, { SMTP_URL: 'smtp://127.0.0.1:1' });
    booted.push(h);
    const res = await h.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
    expect(res.statusCode).toBe(404);
  });
});
