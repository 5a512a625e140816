import type { Harness } from './harness.ts';

/** Every table's raw rows as text, read as the database owner (row-level security does not apply). */
export async function rawTables(h: Harness): Promise<Map<string, string>> {
  const tables = await h.ctx.db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  const out = new Map<string, string>();
  for (const { t } of tables) out.set(t, JSON.stringify(await h.ctx.db.query(`SELECT * FROM "${t}"`)));
  return out;
}
