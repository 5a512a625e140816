/**
 * HTML to PDF through Debian's Chromium (playwright-core drives it). The PDF is the same page a
 * person reads in the browser, with the system's fonts shaping Vietnamese: no second layout
 * engine to keep in step, and no font bundled that lacks a diacritic.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../errors.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium tries to reach Google at start (closed network here).
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new AppError(503, 'pdf_renderer_missing', 'PDF rendering needs Chromium', { detail: `No Chromium at ${CHROMIUM_PATH}: install Debian's chromium or set CHROMIUM_PATH; the HTML report works without it` });
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The page is self-contained: any request it makes is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
