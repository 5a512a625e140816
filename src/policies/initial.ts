import { readFileSync } from 'node:fs';
import type { AppContext } from '../app/context.ts';
import { publishPolicyVersion } from './publish.ts';

const text = (file: string) => readFileSync(new URL(`../../policies/${file}`, import.meta.url), 'utf8');

/** Publishes version 1 of the Privacy Policy and the Terms (vi + en) when none exists yet. */
export async function publishInitialPolicies(ctx: AppContext): Promise<void> {
  for (const kind of ['privacy', 'terms'] as const) {
    const [row] = await ctx.db.query('SELECT 1 FROM policy_versions WHERE kind = $1', [kind]);
    if (row) continue;
    await publishPolicyVersion(ctx, { type: 'system', id: null }, {
      kind,
      bodyVi: text(`${kind}.v1.vi.txt`),
      bodyEn: text(`${kind}.v1.en.txt`),
      summaryVi: 'Phiên bản đầu tiên.',
      summaryEn: 'First version.',
      significant: true,
    });
  }
}
