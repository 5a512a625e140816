/**
 * A series over days as server-rendered SVG columns, like the bar chart (README "Charts"): an
 * image with a title and a description, then the same figures as a table, so nothing is only
 * in the picture. A second series, if given, is drawn as a line over the columns.
 */
export type Point = { label: string; value: number; line?: number };

const H = 160;
const W = 600;
const AXIS = 18;

/** Columns scaled to the largest value of either series. */
export function ColumnChart({ id, title, description, points, unit, lineUnit, labelHead }: { id: string; title: string; description: string; points: readonly Point[]; unit: string; lineUnit?: string; labelHead: string }) {
  const max = Math.max(1, ...points.map((p) => Math.max(p.value, p.line ?? 0)));
  const step = W / Math.max(1, points.length);
  const y = (v: number) => Math.round(H - (v / max) * (H - 4));
  const line = lineUnit ? points.map((p, i) => `${Math.round(i * step + step / 2)},${y(p.line ?? 0)}`).join(' ') : '';
  return (
    <figure class="chart chart-wide" data-chart={id}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${W} ${H + AXIS}`} width="100%" preserveAspectRatio="xMinYMin meet" class="bar-chart">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {points.map((p, i) => (
          <rect data-column={p.label} x={Math.round(i * step + step * 0.1)} y={y(p.value)} width={Math.max(1, Math.round(step * 0.8))} height={H - y(p.value)} class="bar" />
        ))}
        {line && <polyline points={line} class="chart-line" fill="none" />}
        {points.length > 0 && <text x={0} y={H + AXIS - 4} class="bar-label">{points[0]!.label}</text>}
        {points.length > 1 && <text x={W} y={H + AXIS - 4} text-anchor="end" class="bar-label">{points[points.length - 1]!.label}</text>}
        <text x={W} y={12} text-anchor="end" class="bar-value">{max}</text>
      </svg>
      <figcaption>
        <details><summary>{title}</summary>
          <table class="chart-table"><thead><tr><th scope="col">{labelHead}</th><th scope="col">{unit}</th>{lineUnit && <th scope="col">{lineUnit}</th>}</tr></thead>
            <tbody>{points.map((p) => <tr><th scope="row">{p.label}</th><td>{p.value}</td>{lineUnit && <td>{p.line ?? 0}</td>}</tr>)}</tbody></table>
        </details>
      </figcaption>
    </figure>
  );
}
