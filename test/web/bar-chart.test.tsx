import { describe, expect, it } from 'vitest';
import { BarChart } from '../../src/web/components/bar-chart.tsx';
import { toHtml } from '../../src/web/render.ts';

const chart = (bars: { label: string; value: number }[]) =>
  toHtml(<BarChart id="c" title="Consents by purpose" description="People per purpose" unit="People" empty="Nothing yet" bars={bars} />);

describe('BarChart', () => {
  it('draws one bar per figure, scaled to the largest, as an image with a title, a description and the same figures as a table', () => {
    const html = chart([{ label: 'Marketing', value: 10 }, { label: 'Research', value: 5 }, { label: 'Service', value: 0 }]);
    expect(html).toMatch(/<svg role="img" aria-labelledby="c-title c-desc"/);
    expect(html).toContain('<title id="c-title">Consents by purpose</title>');
    expect(html).toContain('<desc id="c-desc">People per purpose</desc>');
    const widths = [...html.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([300, 150, 0]);
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual([['Marketing', 10], ['Research', 5], ['Service', 0]]);
    // SVG attributes keep their SVG names.
    expect(html).toContain('text-anchor="end"');
    expect(html).toContain('dominant-baseline="middle"');
  });

  it('escapes its labels and says so when there is nothing to draw', () => {
    const html = chart([{ label: '<script>x</script>', value: 1 }]);
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(chart([])).toBe('<p class="empty" data-chart-empty="c">Nothing yet</p>');
  });
});
