import { afterAll, describe, expect, it } from 'vitest';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { post, signUpBody } from './support.ts';

describe('dev mailbox', () => {
  const booted: Harness[] = [];
  afterAll(async () => {
    for (const h of booted) {
      await h.app.close();
      await h.ctx.db.close();
    }
  });

  it('with DEV_MAILBOX=1 (and no SMTP) the outbox is readable at /api/dev/mailbox', async () => {
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

  it('without DEV_MAILBOX=1 the dev mailbox does not exist, even with no SMTP_URL and a request from this machine', async () => {
    expect(loadConfig({ PLEDGE_SECRET: 'x'.repeat(32) }).devMailbox).toBe(false);
    const h = await bootHarness(testStores()[0]!, { DEV_MAILBOX: '0' });
    booted.push(h);
    await post(h, '/api/auth/sign-up', signUpBody());
    const res = await h.app.inject({ method: 'GET', url: '/api/dev/mailbox', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
    expect((await h.app.inject({ method: 'GET', url: '/dev/mailbox' })).body).not.toContain('/verify-email?token=');
  });

  it('DEV_MAILBOX=1 together with SMTP_URL, or any value but 0 and 1, stops boot naming the variable', () => {
    expect(() => loadConfig({ PLEDGE_SECRET: 'x'.repeat(32), DEV_MAILBOX: '1', SMTP_URL: 'smtp://127.0.0.1:1' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLEDGE_SECRET: 'x'.repeat(32), DEV_MAILBOX: 'yes' })).toThrow(/DEV_MAILBOX/);
  });

  it('with SMTP_URL set the dev mailbox does not exist', async () => {
    const h = await bootHarness(testStores()[0]!, { SMTP_URL: 'smtp://127.0.0.1:1' });
    booted.push(h);
    const res = await h.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
    expect(res.statusCode).toBe(404);
  });
});
