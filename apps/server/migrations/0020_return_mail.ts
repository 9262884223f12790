import { sql, type Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration, type ColumnTypes } from './types.js';

/** mail_outbound as 0015 made it, with case_id now optional and the return a mail is about. */
function mailOutboundTable(db: Kysely<unknown>, t: ColumnTypes, name: string) {
  return tenantTable(db, t, name)
    .addColumn('id', t.uuid, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', t.uuid)
    .addColumn('message_id', t.uuid)
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('cc', t.json, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('mail_message_id', 'text', (c) => c.notNull())
    .addColumn('headers', t.json, (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('return_id', t.uuid)
    .addPrimaryKeyConstraint('pk_mail_outbound', ['workspace_id', 'id'])
    .addForeignKeyConstraint(...tenantFk('fk_mail_outbound_case_id', ['case_id'], 'cases', 'cascade'))
    .addForeignKeyConstraint(
      ...tenantFk('fk_mail_outbound_message_id', ['message_id'], 'case_messages', 'cascade'),
    )
    .addForeignKeyConstraint(...tenantFk('fk_mail_outbound_return_id', ['return_id'], 'returns', 'cascade'));
}

const COLUMNS = [
  'workspace_id',
  'id',
  'kind',
  'case_id',
  'message_id',
  'to_address',
  'cc',
  'subject',
  'mail_message_id',
  'headers',
  'text_body',
  'html_body',
  'attachment_ids',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'smtp_response',
  'sent_at',
  'created_at',
  'updated_at',
];

/**
 * Mail to customers about returns goes through the same queue as case mail: a mail in `mail_outbound` is about a
 * case (case_id) or a return (return_id). PostgreSQL drops the NOT NULL of case_id in place; SQLite cannot, so
 * the table is rebuilt with the same rows (nothing references mail_outbound).
 */
export const returnMail: AppMigration = {
  name: '0020_return_mail',
  async up(db: Kysely<unknown>, dialect, t) {
    if (dialect === 'postgres') {
      await sql`ALTER TABLE mail_outbound ALTER COLUMN case_id DROP NOT NULL`.execute(db);
      await db.schema.alterTable('mail_outbound').addColumn('return_id', t.uuid).execute();
      await sql`ALTER TABLE mail_outbound ADD CONSTRAINT fk_mail_outbound_return_id
        FOREIGN KEY (workspace_id, return_id) REFERENCES returns (workspace_id, id) ON DELETE CASCADE`.execute(
        db,
      );
    } else {
      await mailOutboundTable(db, t, 'mail_outbound_0020').execute();
      const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
      await sql`INSERT INTO mail_outbound_0020 (${cols}) SELECT ${cols} FROM mail_outbound`.execute(db);
      await db.schema.dropTable('mail_outbound').execute();
      await sql`ALTER TABLE mail_outbound_0020 RENAME TO mail_outbound`.execute(db);
      await db.schema
        .createIndex('ix_mail_outbound_case')
        .on('mail_outbound')
        .columns(['workspace_id', 'case_id'])
        .execute();
      await db.schema
        .createIndex('ix_mail_outbound_due')
        .on('mail_outbound')
        .columns(['status', 'next_attempt_at'])
        .execute();
    }
    await db.schema
      .createIndex('ix_mail_outbound_return')
      .on('mail_outbound')
      .columns(['workspace_id', 'return_id'])
      .execute();
  },
};
