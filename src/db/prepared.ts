/**
 * SQL-level prepared statements (`PREPARE` / `EXECUTE`) for the one-round-trip batches of the
 * hot paths. A batch still travels as one simple query, but each statement in it is an
 * `EXECUTE` of a plan the connection keeps, so the store parses and plans the admission and the
 * read once per connection instead of on every request. The arguments are literals rendered by
 * `sqlLiteral` (validated ids, code constants), exactly as the batches inlined them before.
 */
import { createHash } from 'node:crypto';
import { sqlLiteral } from './literal.ts';

export type Prepared = { readonly name: string; readonly text: string };

const byText = new Map<string, Prepared>();

/** The prepared statement for a constant query text; its name is derived from the text. */
export function prepared(text: string): Prepared {
  let p = byText.get(text);
  if (!p) {
    p = { name: `pledge_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    byText.set(text, p);
  }
  return p;
}

/** `EXECUTE` of `p` with its arguments as literals. */
export const executeSql = (p: Prepared, params: readonly unknown[] = []): string =>
  params.length === 0 ? `EXECUTE ${p.name}` : `EXECUTE ${p.name}(${params.map(sqlLiteral).join(', ')})`;

/** A batch of statements, and the prepared statements its `EXECUTE`s need on the connection. */
export type Batch = { readonly text: string; readonly prepare: readonly Prepared[] };

/**
 * What one connection has prepared. A batch that carried `PREPARE`s and then failed leaves it
 * unknown which of them ran, so the next batch on that connection first asks the store.
 */
export class PreparedSet {
  private readonly names = new Set<string>();
  private uncertain = false;

  /** The `PREPARE`s to send before `batch` on this connection, and the full text. */
  plan(batch: Batch): { text: string; added: Prepared[] } {
    const added = batch.prepare.filter((p, i) => !this.names.has(p.name) && batch.prepare.indexOf(p) === i);
    if (added.length === 0) return { text: batch.text, added };
    // Counted as prepared from now on: PGlite's one connection runs batches in the order they are
    // sent, so a batch planned meanwhile runs after this one and must not PREPARE the same name
    // again (42P05). If this batch fails, `settled` makes the set ask the store.
    for (const p of added) this.names.add(p.name);
    return { text: `${added.map((p) => `PREPARE ${p.name} AS ${p.text}`).join('; ')}; ${batch.text}`, added };
  }

  settled(added: readonly Prepared[], ok: boolean): void {
    if (!ok && added.length > 0) this.uncertain = true;
  }

  get needsSync(): boolean {
    return this.uncertain;
  }

  /** Replaces what is known with what the store reports (`pg_prepared_statements`). */
  sync(names: readonly string[]): void {
    this.names.clear();
    for (const n of names) this.names.add(n);
    this.uncertain = false;
  }
}

export const PREPARED_NAMES_SQL = "SELECT name FROM pg_prepared_statements WHERE name LIKE 'pledge\\_%'";
