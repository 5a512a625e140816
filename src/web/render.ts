/**
 * Pages are hono/jsx components rendered to a string on the server. Every text child and
 * attribute value is escaped by the renderer; the one way around it is `JsonIsland` below.
 */
import type { Child } from 'hono/jsx';

/** A component's markup as a string. Page components are synchronous: an async one is a bug, not a wait. */
export function toHtml(node: Child): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  const out = (node as { toString(): string | Promise<string> }).toString();
  if (typeof out !== 'string') throw new Error('a page component returned a promise: read data in the route, render synchronously');
  return out;
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no tag can close it. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
