import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bootHarness, type Harness } from './harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type BrowserHarness = {
  h: Harness;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser profile (no cookies) whose pages reach only the app under test. */
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh context; script errors on it are collected in `pageErrors`. */
  newPage(): Promise<Page>;
  /** Uncaught script errors of every page opened through `newPage`: a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
};

/** A free TCP port on 127.0.0.1, so the app can be told its own URL before it listens. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Boots the app on PGlite as a real HTTP server on 127.0.0.1 and launches Debian's Chromium.
 * PUBLIC_URL is the server's real address, so links in e-mails (the verification link) work.
 */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-system.sh`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const h = await bootHarness('pglite', { ...env, PORT: String(port), PUBLIC_URL: baseUrl });
  await h.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  const newContext = async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    context.setDefaultTimeout(20_000);
    // Nothing but the app: a forgotten external font, CDN or tracker fails the test loudly.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${baseUrl}/`) ? route.continue() : route.abort('blockedbyclient'),
    );
    contexts.push(context);
    return context;
  };

  return {
    h,
    browser,
    baseUrl,
    pageErrors,
    newContext,
    async newPage() {
      const page = await (await newContext()).newPage();
      page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await h.app.close();
      await h.ctx.db.close();
    },
  };
}

/** A describe block with one app server and one Chromium shared by its tests. */
export function describeInBrowser(title: string, fn: (b: () => BrowserHarness) => void): void {
  describe(`${title} (pglite, chromium)`, () => {
    let b: BrowserHarness | undefined;
    beforeAll(async () => {
      b = await startBrowserHarness();
    }, 180_000);
    afterAll(async () => {
      await b?.close();
    });
    fn(() => {
      if (!b) throw new Error('browser harness not started');
      return b;
    });
  });
}
