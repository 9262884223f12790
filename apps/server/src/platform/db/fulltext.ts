import { PostgresAdapter, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect, Executor } from './database.js';

/**
 * The full-text index of cases, on either database. With `database.ts` this is the only place that knows the
 * dialect of search. Text arrives here already cut into words (platform/search/segment.ts), so both databases
 * only ever compare whole, lower-cased words:
 *
 * - SQLite: the FTS5 table `case_fts` (columns `staff` and `public`, tokenizer `unicode61` with `-._` as word
 *   characters so codes like t-1001 stay one token); its rowid is `case_search.doc_id`.
 * - PostgreSQL: `case_search.staff_tsv` / `public_tsv`, tsvectors made with `array_to_tsvector` from the same
 *   words (what the `simple` configuration does — lower case, no stemming, no stop words — without its parser,
 *   which would split t-1001 into "t" and "-1001"), each with a GIN index. No extension needed.
 *
 * Each document starts with a token naming its workspace, and every match ANDs it in, so the index itself is
 * tenant-scoped (the callers also filter on workspace_id). Hits come in index order (doc_id, newest case
 * first) and are meant to be read with a LIMIT, never collected and sorted.
 */

export type SearchScope = 'staff' | 'public';

export interface SearchDocument {
  /** Every indexed word of the case (staff search). */
  staff: string[];
  /** Only words that customers may see (portal search): never internal notes. */
  public: string[];
}

export function executorDialect(db: Executor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The word that ties a document to its workspace ("w" + the id's hex digits). */
export function workspaceToken(workspaceId: string): string {
  return `w${workspaceId.replace(/-/g, '').toLowerCase()}`;
}

/**
 * The most a document's words may take, in bytes (UTF-8, plus 4 per word as PostgreSQL stores them). A tsvector
 * holds at most 1 MB; a case whose distinct words pass this (hundreds of pasted logs) keeps its first ones: the
 * number, subject, names and earliest messages stay findable.
 */
const DOCUMENT_BYTES = 512 * 1024;

function documentWords(workspaceId: string, words: string[]): string[] {
  const token = workspaceToken(workspaceId);
  const out = [token];
  let bytes = Buffer.byteLength(token) + 4;
  for (const w of words) {
    if (!w || w === token || /\s/.test(w)) continue;
    bytes += Buffer.byteLength(w) + 4;
    if (bytes > DOCUMENT_BYTES) break;
    out.push(w);
  }
  return out;
}

/** Writes (or replaces) a case's document, inside the caller's transaction. */
export async function writeCaseDocument(
  db: Executor,
  workspaceId: string,
  caseId: string,
  doc: SearchDocument,
  options: { fresh?: boolean } = {},
): Promise<void> {
  const staff = documentWords(workspaceId, doc.staff);
  const pub = documentWords(workspaceId, doc.public);
  if (options.fresh && executorDialect(db) !== 'postgres') {
    // A new case has no document yet: the FTS row takes the next rowid, which becomes the case's doc_id.
    await sql`insert into case_fts (staff, public) values (${staff.join(' ')}, ${pub.join(' ')})`.execute(db);
    await sql`insert into case_search (workspace_id, case_id, doc_id) values (${workspaceId}, ${caseId}, last_insert_rowid())`.execute(
      db,
    );
    return;
  }
  if (executorDialect(db) === 'postgres') {
    await sql`
      insert into case_search (workspace_id, case_id, staff_tsv, public_tsv)
      values (${workspaceId}, ${caseId}, array_to_tsvector(${staff}::text[]), array_to_tsvector(${pub}::text[]))
      on conflict (workspace_id, case_id)
      do update set staff_tsv = excluded.staff_tsv, public_tsv = excluded.public_tsv`.execute(db);
    return;
  }
  const existing = await sql<{ doc_id: number }>`
    select doc_id from case_search where workspace_id = ${workspaceId} and case_id = ${caseId}`.execute(db);
  let docId = existing.rows[0]?.doc_id;
  if (docId === undefined) {
    const last = await sql<{ rowid: number }>`select rowid from case_fts order by rowid desc limit 1`.execute(
      db,
    );
    docId = (last.rows[0]?.rowid ?? 0) + 1;
    await sql`insert into case_search (workspace_id, case_id, doc_id) values (${workspaceId}, ${caseId}, ${docId})`.execute(
      db,
    );
  } else {
    await sql`delete from case_fts where rowid = ${docId}`.execute(db);
  }
  await sql`insert into case_fts (rowid, staff, public) values (${docId}, ${staff.join(' ')}, ${pub.join(' ')})`.execute(
    db,
  );
}

/** FTS5 phrase: the word in double quotes (quotes doubled), `*` for a prefix. */
function ftsPhrase(scope: SearchScope, word: string, prefix: boolean): string {
  return `${scope} : "${word.replace(/"/g, '""')}"${prefix ? ' *' : ''}`;
}

/** tsquery lexeme: the word in single quotes (quotes and backslashes escaped), `:*` for a prefix. */
function tsLexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/**
 * The match expression for a query's words: every word must match (AND), the last one also as a prefix (the
 * user may still be typing it), and the workspace token always.
 */
export function matchExpression(
  dialect: Dialect,
  workspaceId: string,
  scope: SearchScope,
  words: string[],
  options: { prefixLast?: boolean } = {},
): string {
  const terms = [
    { word: workspaceToken(workspaceId), prefix: false },
    ...words.map((word, i) => ({ word, prefix: options.prefixLast !== false && i === words.length - 1 })),
  ];
  return dialect === 'postgres'
    ? terms.map((t) => tsLexeme(t.word, t.prefix)).join(' & ')
    : terms.map((t) => ftsPhrase(scope, t.word, t.prefix)).join(' AND ');
}

/**
 * How a query on `case_search` (joined to cases by workspace_id and case_id) keeps only the hits and reads them
 * in index order. SQLite drives the query from the FTS table (its rowid order is the index order, read
 * backwards without sorting); PostgreSQL matches the tsvector column (GIN) and orders by doc_id, which
 * `ix_case_search_doc` (workspace_id, doc_id) serves when hits are many.
 */
export interface CaseMatchPlan {
  /** SQLite: the FTS table to join (on `on`); null on PostgreSQL. */
  join: { table: string; on: RawBuilder<SqlBool> } | null;
  where: RawBuilder<SqlBool>;
  /** Index order (newest case first) for many hits: walked until the LIMIT is filled. */
  order: RawBuilder<unknown>;
  /**
   * The same order for few hits (fewer than the count cap): on PostgreSQL `doc_id + 0` keeps the planner from
   * walking the whole doc_id index looking for rare words and makes it take the GIN hits (at most the cap)
   * instead. SQLite's FTS5 drives either way.
   */
  fewHitsOrder: RawBuilder<unknown>;
  /** How the capped count reads the hits (SQLite: from the FTS table; PostgreSQL: the planner's choice). */
  countOrder: RawBuilder<unknown> | null;
}

export function caseMatchPlan(
  dialect: Dialect,
  workspaceId: string,
  scope: SearchScope,
  words: string[],
  options: { prefixLast?: boolean } = {},
): CaseMatchPlan {
  const expr = matchExpression(dialect, workspaceId, scope, words, options);
  if (dialect === 'postgres') {
    const column = sql.ref(`case_search.${scope}_tsv`);
    return {
      join: null,
      where: sql<SqlBool>`${column} @@ ${expr}::tsquery`,
      order: sql`case_search.doc_id desc`,
      fewHitsOrder: sql`case_search.doc_id + 0 desc`,
      countOrder: null,
    };
  }
  return {
    join: { table: 'case_fts', on: sql<SqlBool>`case_fts.rowid = case_search.doc_id` },
    where: sql<SqlBool>`case_fts match ${expr}`,
    order: sql`case_fts.rowid desc`,
    fewHitsOrder: sql`case_fts.rowid desc`,
    countOrder: sql`case_fts.rowid desc`,
  };
}
