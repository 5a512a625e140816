import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/domain/features.ts';
import { PERSONAL_COLUMNS } from '../../src/domain/registry.ts';
import { SUBJECT_TABLES } from '../../src/domain/subject-map.ts';
import { CATEGORY_KEYS } from '../../src/domain/taxonomy/index.ts';
import { buildRecords } from '../../src/records/document.ts';
import { CATEGORY_VI } from '../../src/records/labels.ts';
import { renderRecordsHtml } from '../../src/records/page.tsx';
import { RETENTION_RULES } from '../../src/retention/rules.ts';
import { registerMailProcessor } from '../disclosures/support.ts';
import { createStaff, type Staff } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';

const kind = testStores().at(-1)!;

/** The share of a page's pixels that are not white: 0 for a blank page. */
function inkOf(pgm: Buffer): number {
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(m[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / pixels.length;
}

describe(`the records of processing (${kind})`, () => {
  let h: Harness;
  let officer: Staff;
  let dir: string;
  beforeAll(async () => {
    h = await bootHarness(kind);
    officer = await createStaff(h);
    dir = mkdtempSync(join(tmpdir(), 'pledge-records-'));
    await registerMailProcessor(h, officer.headers, ['communicate']);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('[C39] the report lists every declared personal column, every purpose in use with its subjects and recipients, and every retention rule', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/staff/records?format=json', headers: officer.headers });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.columns.map((c: { table: string; column: string }) => `${c.table}.${c.column}`).sort())
      .toEqual(PERSONAL_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
    const communicate = doc.activities.find((a: { purpose: string }) => a.purpose === 'communicate');
    expect(communicate.recipients).toContain('Mailgun Technologies');
    expect(communicate.subjects).toContain('customer');
    expect(communicate.bases).toContainEqual({ subject: 'customer', basis: 'contract' });
    expect(doc.retention.map((r: { id: string }) => r.id)).toEqual(RETENTION_RULES.map((r) => r.id));

    const html = await h.app.inject({ method: 'GET', url: '/api/staff/records?lang=en&format=html', headers: officer.headers });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Records of processing activities');
    expect(html.body).toContain('users.billing_address');
  });

  it('[C39] a newly declared column shows up in the next report, with no report code changed', () => {
    const extra = { table: 'loyalty_cards', column: 'member_number', categories: ['user.unique_id'], subjects: ['buyer'], source: 'import', atRest: { kind: 'tenant_key' } } as const;
    const doc = buildRecords({ controller: { name: 'ECOMKEY', contact: 'privacy@example.test' }, features: FEATURES, columns: [...PERSONAL_COLUMNS, extra],
      tables: SUBJECT_TABLES, rules: RETENTION_RULES, processors: [] });
    const html = renderRecordsHtml({ doc, lang: 'vi', generatedAt: new Date() });
    expect(html).toContain('loyalty_cards.member_number');
    expect(doc.version).not.toBe(buildRecords({ controller: doc.controller, features: FEATURES, columns: PERSONAL_COLUMNS, tables: SUBJECT_TABLES, rules: RETENTION_RULES, processors: [] }).version);
  });

  it('[C39] the PDF renders to a page that is not blank, and reads in Vietnamese and in English', async () => {
    for (const [lang, title] of [['vi', 'Hồ sơ hoạt động xử lý dữ liệu cá nhân'], ['en', 'Records of processing activities']] as const) {
      const res = await h.app.inject({ method: 'GET', url: `/api/staff/records?lang=${lang}&format=pdf`, headers: officer.headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = join(dir, `records-${lang}.pdf`);
      writeFileSync(pdf, res.rawPayload);
      // The first page as a grey image: a blank or unrenderable PDF has no ink.
      const pgm = execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', pdf]);
      expect(inkOf(pgm)).toBeGreaterThan(0.01);
      // The text layer is real text with its diacritics, not pictures of letters.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
      expect(text).toContain(title);
      expect(text).toContain(lang === 'vi' ? 'Cơ sở pháp lý' : 'Lawful basis');
      expect(text).toContain('Mailgun Technologies');
    }
  }, 120_000);

  it('[C39] only the privacy officer may produce it', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/staff/records' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('every data category has its Vietnamese name', () => {
    expect(CATEGORY_KEYS.filter((k) => !CATEGORY_VI[k])).toEqual([]);
  });
});
