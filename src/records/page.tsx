/**
 * The records of processing as one printable HTML document (the PDF is this page printed by
 * Chromium). Self-contained: its own styles, no scripts, so it reads the same saved to disk.
 */
import { findCategory } from '../domain/taxonomy/index.ts';
import { PURPOSES } from '../domain/taxonomy/purposes.ts';
import type { Lang } from '../web/i18n/index.ts';
import { toHtml } from '../web/render.ts';
import type { RecordsDocument } from './document.ts';
import { BASIS_LABELS, CATEGORY_VI, FROM_LABELS, HEADINGS, labelOf, MEASURE_LABELS, pick, RISK_LABELS, SUBJECT_LABELS } from './labels.ts';

const STYLE = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;color:#111;margin:2rem;font-size:11pt;line-height:1.4}
h1{font-size:18pt;margin:0 0 .2rem}h2{font-size:13pt;margin:1.6rem 0 .5rem;border-bottom:2px solid #234}
h3{font-size:11.5pt;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem;font-size:9pt}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#e8eef4}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}
code{font-size:8.5pt}.muted{color:#444}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
`;

type Props = { doc: RecordsDocument; lang: Lang; generatedAt: Date };

function RecordsPage({ doc, lang, generatedAt }: Props) {
  const h = (k: keyof typeof HEADINGS) => pick(HEADINGS[k], lang);
  const purpose = (key: string) => { const p = PURPOSES.find((x) => x.key === key); return p ? (lang === 'vi' ? p.labelVi : p.label) : key; };
  const category = (key: string) => (lang === 'vi' ? CATEGORY_VI[key] ?? key : findCategory(key)?.description ?? key);
  const subject = (key: string) => labelOf(SUBJECT_LABELS, key, lang);
  const list = (xs: readonly string[]) => (xs.length ? xs.join('; ') : h('none'));
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{h('title')}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{h('title')}</h1>
        <p class="muted">{h('subtitle')}</p>
        <dl>
          <dt>{h('controller')}</dt><dd>{doc.controller.name}</dd>
          <dt>{h('contact')}</dt><dd>{doc.controller.contact}</dd>
          <dt>{h('version')}</dt><dd><code>{doc.version}</code></dd>
          <dt>{h('generated')}</dt><dd>{generatedAt.toISOString()}</dd>
        </dl>

        <h2>{h('activities')}</h2>
        {doc.activities.map((a) => (
          <section>
            <h3>{h('purpose')}: {purpose(a.purpose)}</h3>
            <dl>
              <dt>{h('basis')}</dt><dd>{list(a.bases.map((b) => `${subject(b.subject)}: ${labelOf(BASIS_LABELS, b.basis, lang)}`))}</dd>
              <dt>{h('subjects')}</dt><dd>{list(a.subjects.map(subject))}</dd>
              <dt>{h('categories')}</dt><dd>{list(a.categories.map(category))}</dd>
              <dt>{h('recipients')}</dt><dd>{list(a.recipients)}</dd>
              <dt>{h('features')}</dt><dd><code>{a.features.join(', ')}</code></dd>
              <dt>{h('storage')}</dt><dd>{list(a.storage.map((s) => `${s.table} (${s.keep.join(', ')})`))}</dd>
            </dl>
          </section>
        ))}

        <h2>{h('columns')}</h2>
        <table>
          <thead><tr><th>{h('column')}</th><th>{h('categories')}</th><th>{h('subjects')}</th><th>{h('source')}</th><th>{h('atRest')}</th><th>{h('erasure')}</th></tr></thead>
          <tbody>
            {doc.columns.map((c) => (
              <tr>
                <td><code>{c.table}.{c.column}</code></td>
                <td>{c.categories.map(category).join('; ')}{c.sensitive ? ` (${h('sensitive')})` : ''}</td>
                <td>{c.subjects.map(subject).join('; ')}</td>
                <td>{c.source}</td><td>{c.atRest}</td><td>{c.erasure}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2>{h('processors')}</h2>
        <table>
          <thead><tr><th>{h('processor')}</th><th>{h('kind')}</th><th>{h('categories')}</th><th>{h('purpose')}</th><th>{h('retentionCol')}</th><th>{h('agreement')}</th></tr></thead>
          <tbody>
            {doc.processors.map((p) => (
              <tr><td>{p.name}</td><td>{p.kind}</td><td>{p.categories.map(category).join('; ')}</td><td>{p.purposes.map(purpose).join('; ')}</td><td>{p.retention}</td><td>{p.documentRef}</td></tr>
            ))}
          </tbody>
        </table>
        <p>{h('transfers')}</p>

        <h2>{h('retention')}</h2>
        <table>
          <thead><tr><th>{h('rule')}</th><th>{h('table')}</th><th>{h('keep')}</th><th>{h('from')}</th><th>{h('why')}</th><th>{h('citation')}</th></tr></thead>
          <tbody>
            {doc.retention.map((r) => (
              <tr><td><code>{r.id}</code></td><td><code>{r.column ? `${r.table}.${r.column}` : r.table}</code></td><td>{r.keep}</td><td>{labelOf(FROM_LABELS, r.from, lang)}</td><td>{r.why}</td><td>{r.citation}</td></tr>
            ))}
          </tbody>
        </table>

        <h2>{h('measures')}</h2>
        <table>
          <thead><tr><th>{h('measures')}</th><th>{h('count')}</th></tr></thead>
          <tbody>{doc.measures.map((m) => <tr><td>{labelOf(MEASURE_LABELS, m.key, lang)}</td><td>{m.count}</td></tr>)}</tbody>
        </table>

        <h2>{h('risks')}</h2>
        <table>
          <thead><tr><th>{h('risk')}</th><th>{h('about')}</th><th>{h('measures')}</th></tr></thead>
          <tbody>{doc.risks.map((r) => <tr><td>{labelOf(RISK_LABELS, r.key, lang)}</td><td><code>{r.subject}</code></td><td>{r.measures.join('; ')}</td></tr>)}</tbody>
        </table>
      </body>
    </html>
  );
}

export const renderRecordsHtml = (props: Props): string => `<!doctype html>${toHtml(<RecordsPage {...props} />)}`;
