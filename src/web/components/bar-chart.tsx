/**
 * A horizontal bar chart as server-rendered SVG: no script, no library, drawn with the page
 * (issue 11's decision, see README "Charts"). It is an image with a title and a description
 * for screen readers, and the same figures follow as a table, so nothing is only in the picture.
 */
export type Bar = { label: string; value: number };

const ROW = 28;
const LABEL_W = 180;
const BAR_W = 300;
const VALUE_W = 60;

/** Bars scaled to the largest value; `unit` names what is counted (for the table's header). */
export function BarChart({ id, title, description, bars, unit, empty }: { id: string; title: string; description: string; bars: readonly Bar[]; unit: string; empty: string }) {
  if (bars.length === 0) return <p class="empty" data-chart-empty={id}>{empty}</p>;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW;
  const width = LABEL_W + BAR_W + VALUE_W;
  return (
    <figure class="chart" data-chart={id}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" class="bar-chart">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const w = Math.round((b.value / max) * BAR_W);
          const y = i * ROW;
          return (
            <g data-bar={b.label}>
              <text x={LABEL_W - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="bar-label">{b.label}</text>
              <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} rx={3} class="bar" />
              <text x={LABEL_W + w + 6} y={y + ROW / 2} dominant-baseline="middle" class="bar-value">{b.value}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <details><summary>{title}</summary>
          <table class="chart-table"><thead><tr><th scope="col">{title}</th><th scope="col">{unit}</th></tr></thead>
            <tbody>{bars.map((b) => <tr><th scope="row">{b.label}</th><td>{b.value}</td></tr>)}</tbody></table>
        </details>
      </figcaption>
    </figure>
  );
}
