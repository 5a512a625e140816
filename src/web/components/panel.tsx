import type { Child } from 'hono/jsx';

/** A titled section of a page: its heading names the region for screen readers; a hint may follow. */
export function Panel({ titleId, title, hint, children }: { titleId: string; title: string; hint?: string; children?: Child }) {
  return (
    <section class="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {hint && <p class="hint">{hint}</p>}
      {children}
    </section>
  );
}
