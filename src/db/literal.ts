/**
 * Renders a value as a PostgreSQL literal, for the `EXECUTE` arguments of the one-round-trip batches
 * (`src/db/prepared.ts`).
 * Text becomes an escape string (E'…') with backslashes and quotes doubled, which reads the
 * same whatever standard_conforming_strings says; NUL cannot be stored in PostgreSQL text at
 * all, so it is refused.
 */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('sqlLiteral: non-finite number');
    return String(v);
  }
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (typeof v === 'string') {
    if (v.includes('\0')) throw new TypeError('sqlLiteral: NUL in text');
    return `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  }
  throw new TypeError(`sqlLiteral: unsupported ${typeof v}`);
}
