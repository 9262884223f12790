import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './database.js';

describe('SQLite statement cache', () => {
  it('prepares each SQL text once and keeps at most `size` statements, least recently used out first', () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1 as a');
    expect(db.prepare('select 1 as a')).toBe(a);
    const b = db.prepare('select 2 as b');
    db.prepare('select 1 as a'); // a is now the most recently used
    db.prepare('select 3 as c'); // evicts b
    expect(db.prepare('select 1 as a')).toBe(a);
    expect(db.prepare('select 2 as b')).not.toBe(b);
    expect(db.prepare('select 2 as b').all([])).toEqual([{ b: 2 }]);
    sqlite.close();
  });

  it('sees a column added after the statement was cached (SQLite re-prepares on schema change)', () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = withStatementCache(sqlite);
    db.prepare('create table t (a integer)').run([]);
    db.prepare('insert into t (a) values (?)').run([1]);
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1 }]);
    db.prepare('alter table t add column b text').run([]);
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1, b: null }]);
    sqlite.close();
  });
});
