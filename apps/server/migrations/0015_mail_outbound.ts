import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with outgoing mail. */
const ADDED: Record<string, string[]> = {
  admin: ['mail.settings.manage'],
  manager: ['mail.settings.manage'],
};

/**
 * Outgoing mail: each workspace's SMTP settings and brand (password sealed), the queue of mail to send with its
 * delivery state (the rate limit of acknowledgements lives in 0014: mail_auto_replies).
 */
export const mailOutbound: AppMigration = {
  name: '0015_mail_outbound',
  async up(db: Kysely<unknown>, _dialect, t) {
    await tenantTable(db, t, 'mail_settings')
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('password_sealed', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_mail_settings', ['workspace_id'])
      .execute();

    await tenantTable(db, t, 'mail_outbound')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
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
      .addPrimaryKeyConstraint('pk_mail_outbound', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...tenantFk('fk_mail_outbound_case_id', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(
        ...tenantFk('fk_mail_outbound_message_id', ['message_id'], 'case_messages', 'cascade'),
      )
      .execute();
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

    await grantToBuiltInRoles(db, ADDED);
  },
};
