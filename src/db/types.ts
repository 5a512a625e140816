import type { Batch, Prepared } from './prepared.ts';

/** What every storage driver offers: the same PostgreSQL SQL, whether embedded or on a server. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (setup lines built from validated literals only). */
  exec(text: string): Promise<void>;
}

/** Rows of each statement of a multi-statement batch, in order. */
export type BatchResult = Array<Array<Record<string, unknown>>>;

export type StoreKind = 'pglite' | 'postgres';

export interface Db extends Sql {
  readonly kind: StoreKind;
  /**
   * Runs fn in one transaction on one connection; rolls back on any throw. `setup` (statements
   * built from validated literals only) runs first, sent with BEGIN in the same round trip, with
   * the `PREPARE`s its `EXECUTE`s need on that connection. `onSetup` gets the setup's rows.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, setup?: string | Batch, onSetup?: (rows: BatchResult) => void): Promise<T>;
  /**
   * Several statements in ONE round trip (simple query protocol), no parameters: only for text
   * built from code and values rendered by `sqlLiteral`. Rows of every statement, in order.
   */
  batch(batch: string | Batch): Promise<BatchResult>;
  /**
   * A read-only transaction of `statements` (same rules as `batch`), in one round trip. On
   * PostgreSQL, reads that arrive while others are in flight share one round trip, each still
   * in a transaction of its own (its own role, tenant and read-only setting).
   */
  read(statements: readonly string[], prepare: readonly Prepared[]): Promise<BatchResult>;
  /** Calls fn with each NOTIFY payload on `channel` (delivered on commit of the notifying transaction); resolves to an unlisten. */
  listen?(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
