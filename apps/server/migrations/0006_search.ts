import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { writeCaseDocument } from '../src/platform/db/fulltext.js';
import { caseDocument } from '../src/platform/search/case-document.js';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Full-text search over cases and saved queue views.
 *
 * case_search holds one row per case: its doc_id (the index order) and, on PostgreSQL, the two tsvectors
 * (staff: everything; public: without internal notes) with GIN indexes. On SQLite the words live in the FTS5
 * table case_fts (rowid = doc_id); a trigger drops them with their case_search row. Existing cases are indexed
 * here, segmented in TypeScript like every later write (see platform/db/fulltext.ts).
 */
export const search: AppMigration = {
  name: '0006_search',
  async up(db: Kysely<unknown>, dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    let caseSearch = ws('case_search').addColumn('case_id', t.uuid, (c) => c.notNull());
    caseSearch =
      dialect === 'postgres'
        ? caseSearch
            .addColumn('doc_id', 'bigserial', (c) => c.notNull())
            .addColumn('staff_tsv', sql`tsvector`, (c) => c.notNull())
            .addColumn('public_tsv', sql`tsvector`, (c) => c.notNull())
        : caseSearch.addColumn('doc_id', 'integer', (c) => c.notNull());
    await caseSearch
      .addPrimaryKeyConstraint('pk_case_search', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(
        'fk_case_search_case_id',
        ['workspace_id', 'case_id'] as never[],
        'cases',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('uq_case_search_doc').on('case_search').column('doc_id').unique().execute();
    if (dialect === 'postgres') {
      await db.schema
        .createIndex('ix_case_search_doc')
        .on('case_search')
        .columns(['workspace_id', 'doc_id'])
        .execute();
      await sql`create index ix_case_search_staff on case_search using gin (staff_tsv)`.execute(db);
      await sql`create index ix_case_search_public on case_search using gin (public_tsv)`.execute(db);
    } else {
      await sql`create virtual table case_fts using fts5(staff, public, tokenize = "unicode61 tokenchars '-._'")`.execute(
        db,
      );
      await sql`
        create trigger tr_case_search_delete after delete on case_search
        begin delete from case_fts where rowid = old.doc_id; end`.execute(db);
    }

    await ws('saved_views')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('owner_id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('shared', t.bool, (c) => c.notNull())
      .addColumn('query', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_saved_views', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_saved_views_owner_name', ['workspace_id', 'owner_id', 'name'])
      .addForeignKeyConstraint(...fk('fk_saved_views_owner_id', ['owner_id'], 'users', 'cascade'))
      .execute();

    await backfillCaseSearch(db as unknown as Kysely<DB>);
  },
};

/** Indexes every existing case (of the given workspaces: tests), a batch at a time, in case order. */
export async function backfillCaseSearch(db: Kysely<DB>, workspaceIds?: string[]): Promise<void> {
  const batch = 500;
  let after: { workspace_id: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .leftJoin('contacts', (j) =>
        j
          .onRef('contacts.workspace_id', '=', 'cases.workspace_id')
          .onRef('contacts.id', '=', 'cases.contact_id'),
      )
      .select([
        'cases.workspace_id',
        'cases.id',
        'cases.number',
        'cases.subject',
        'customers.name as customer_name',
        'contacts.name as contact_name',
      ]);
    if (workspaceIds) q = q.where('cases.workspace_id', 'in', workspaceIds);
    if (after) {
      const a: { workspace_id: string; id: string } = after;
      q = q.where((eb) =>
        eb.or([
          eb('cases.workspace_id', '>', a.workspace_id),
          eb.and([eb('cases.workspace_id', '=', a.workspace_id), eb('cases.id', '>', a.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('cases.workspace_id').orderBy('cases.id').limit(batch).execute();
    for (const r of rows) {
      const messages = await db
        .selectFrom('case_messages')
        .select(['body_text', 'visibility'])
        .where('workspace_id', '=', r.workspace_id)
        .where('case_id', '=', r.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      await writeCaseDocument(
        db,
        r.workspace_id,
        r.id,
        caseDocument({
          number: r.number,
          subject: r.subject,
          customerName: r.customer_name,
          contactName: r.contact_name,
          messages: messages.map((m) => ({ text: m.body_text, visibility: m.visibility })),
        }),
      );
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return;
    after = { workspace_id: last.workspace_id, id: last.id };
  }
}
