import type { ColumnDataType, CreateTableBuilder, ForeignKeyConstraintBuilder, Kysely } from 'kysely';
import type { Dialect } from '../src/platform/db/database.js';

/** Column types that differ between the two databases; migrations use only these and plain SQL types. */
export interface ColumnTypes {
  uuid: ColumnDataType;
  timestamp: ColumnDataType;
  date: ColumnDataType;
  bool: ColumnDataType;
  json: ColumnDataType;
  money: ColumnDataType;
  real: ColumnDataType;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'postgres'
    ? {
        uuid: 'uuid',
        timestamp: 'timestamptz',
        date: 'date',
        bool: 'boolean',
        json: 'text',
        money: 'bigint',
        real: 'double precision',
      }
    : {
        uuid: 'text',
        timestamp: 'text',
        date: 'text',
        bool: 'integer',
        json: 'text',
        money: 'integer',
        real: 'real',
      };
}

export interface AppMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect, t: ColumnTypes): Promise<void>;
}

/** A new tenant table, starting with its workspace_id (which then leads its keys). */
export function tenantTable(
  db: Kysely<unknown>,
  t: ColumnTypes,
  name: string,
): CreateTableBuilder<string, 'workspace_id'> {
  return db.schema
    .createTable(name)
    .addColumn('workspace_id', t.uuid, (c) => c.notNull().references('workspaces.id').onDelete('cascade'));
}

/**
 * The arguments of `addForeignKeyConstraint` for a foreign key that leads with workspace_id, so a row can only
 * ever point inside its own workspace.
 */
export function tenantFk(
  name: string,
  cols: string[],
  table: string,
  onDelete: 'cascade' | 'restrict' = 'restrict',
) {
  return [
    name,
    ['workspace_id', ...cols] as never[],
    table,
    ['workspace_id', 'id'] as string[],
    (cb: ForeignKeyConstraintBuilder) => cb.onDelete(onDelete),
  ] as const;
}
