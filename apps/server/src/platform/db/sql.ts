import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from './schema.js';

/**
 * Case-insensitive "contains" on either database: LIKE with an escape clause (SQLite's LIKE ignores ASCII
 * case) and the same on PostgreSQL through lower(). Wildcards in the user's text are escaped.
 */
export function containsText<TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  q: string,
): Expression<SqlBool> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${eb.ref(column as never)}) like ${pattern} escape '\\'`;
}
