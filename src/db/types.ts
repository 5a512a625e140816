/** What every storage driver offers: the same PostgreSQL SQL, whether embedded or on a server. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (setup lines built from validated literals only). */
  exec(text: string): Promise<void>;
}

export type StoreKind = 'pglite' | 'postgres';

export interface Db extends Sql {
  readonly kind: StoreKind;
  /** Runs fn in one transaction on one connection; rolls back on any throw. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
