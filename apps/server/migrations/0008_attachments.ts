import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Attachments and @mentions. A file's metadata (`attachments`) and its bytes (`attachment_contents`) live in
 * the database, in two tables so lists never read the bytes; a backup of the database holds the files too, and
 * an upload commits or not at all. An attachment starts unattached (owned by its uploader, expiring); attaching
 * sets case_id and message_id or plan_step_id. Plan steps are rewritten in place when the plan is saved, so
 * plan_step_id has no foreign key: the attachments service keeps it in step with the plan.
 */
export const attachments: AppMigration = {
  name: '0008_attachments',
  async up(db: Kysely<unknown>, dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('attachments')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('is_image', t.bool, (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('uploader_type', 'text', (c) => c.notNull())
      .addColumn('uploader_user_id', t.uuid)
      .addColumn('uploader_contact_id', t.uuid)
      .addColumn('uploader_name', 'text')
      .addColumn('case_id', t.uuid)
      .addColumn('message_id', t.uuid)
      .addColumn('plan_step_id', t.uuid)
      .addColumn('expires_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('attached_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_attachments', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_attachments_case_id', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_attachments_message_id', ['message_id'], 'case_messages', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_attachments_user_id', ['uploader_user_id'], 'users', 'cascade'))
      .addForeignKeyConstraint(
        ...fk('fk_attachments_contact_id', ['uploader_contact_id'], 'contacts', 'cascade'),
      )
      .execute();
    await db.schema
      .createIndex('ix_attachments_case')
      .on('attachments')
      .columns(['workspace_id', 'case_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('ix_attachments_expires')
      .on('attachments')
      .columns(['workspace_id', 'expires_at'])
      .execute();

    await ws('attachment_contents')
      .addColumn('attachment_id', t.uuid, (c) => c.notNull())
      .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_attachment_contents', ['workspace_id', 'attachment_id'])
      .addForeignKeyConstraint(
        'fk_attachment_contents_attachment_id',
        ['workspace_id', 'attachment_id'] as never[],
        'attachments',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .execute();

    await ws('case_mentions')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('message_id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('mentioned_by_id', t.uuid)
      .addColumn('mentioned_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_mentions', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_case_mentions_message_user', ['workspace_id', 'message_id', 'user_id'])
      .addForeignKeyConstraint(...fk('fk_case_mentions_case_id', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(
        ...fk('fk_case_mentions_message_id', ['message_id'], 'case_messages', 'cascade'),
      )
      .addForeignKeyConstraint(...fk('fk_case_mentions_user_id', ['user_id'], 'users', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_mentions_user')
      .on('case_mentions')
      .columns(['workspace_id', 'user_id', 'created_at'])
      .execute();
  },
};
