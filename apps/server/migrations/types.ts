import type { ColumnDataType, Kysely } from 'kysely';
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
