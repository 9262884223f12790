import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with mail channels. */
const ADDED: Record<string, string[]> = {
  admin: ['mail.manage'],
  manager: ['mail.manage'],
};

/**
 * Email in: a workspace's mail channels (the built-in SMTP receiver's addresses and IMAP mailboxes it polls),
 * every inbound mail once per Message-ID with its raw bytes (the full original behind a trimmed case message),
 * the automatic answers sent per sender (rate limit) and, on contacts, when their address bounced.
 */
export const mailChannels: AppMigration = {
  name: '0014_mail_channels',
  async up(db: Kysely<unknown>, dialect, t) {
    const fk = tenantFk;
    await tenantTable(db, t, 'mail_channels')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      /** The address the SMTP receiver accepts for this channel: unique across workspaces; null for IMAP. */
      .addColumn('smtp_address', 'text')
      .addColumn('team_id', t.uuid)
      .addColumn('case_type', 'text', (c) => c.notNull())
      .addColumn('unknown_sender', 'text', (c) => c.notNull())
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('imap_host', 'text')
      .addColumn('imap_port', 'integer')
      .addColumn('imap_tls', t.bool)
      .addColumn('imap_user', 'text')
      .addColumn('imap_password', 'text')
      .addColumn('imap_folder', 'text')
      .addColumn('poll_seconds', 'integer')
      .addColumn('imap_uid_validity', 'text')
      .addColumn('imap_last_uid', 'integer')
      .addColumn('polled_at', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_mail_channels', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_mail_channels_address', ['workspace_id', 'address'])
      .addForeignKeyConstraint(...fk('fk_mail_channels_team_id', ['team_id'], 'teams'))
      .execute();
    await db.schema
      .createIndex('uq_mail_channels_smtp_address')
      .on('mail_channels')
      .column('smtp_address')
      .unique()
      .execute();

    await tenantTable(db, t, 'mail_inbound')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('channel_id', t.uuid)
      /** The RFC 5322 Message-ID (or a synthetic one from a hash of the content): one row per workspace. */
      .addColumn('message_id', 'text', (c) => c.notNull())
      /** message | auto_reply | bounce | loop | refused */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('case_id', t.uuid)
      .addColumn('case_message_id', t.uuid)
      /** Whether an automatic answer (acknowledgement) may go to the sender. */
      .addColumn('auto_reply_allowed', t.bool, (c) => c.notNull())
      .addColumn('full_text', 'text', (c) => c.notNull())
      .addColumn('full_html', 'text')
      /** JSON: what was noted while ingesting (refused attachments, threading decision). */
      .addColumn('notes', t.json, (c) => c.notNull())
      .addColumn('raw', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_mail_inbound', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_mail_inbound_message_id', ['workspace_id', 'message_id'])
      .addForeignKeyConstraint(...fk('fk_mail_inbound_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_mail_inbound_case_message')
      .on('mail_inbound')
      .columns(['workspace_id', 'case_message_id'])
      .execute();

    await tenantTable(db, t, 'mail_auto_replies')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_mail_auto_replies', ['workspace_id', 'id'])
      .execute();
    await db.schema
      .createIndex('ix_mail_auto_replies_address')
      .on('mail_auto_replies')
      .columns(['workspace_id', 'address', 'sent_at'])
      .execute();

    await db.schema.alterTable('contacts').addColumn('email_bounced_at', t.timestamp).execute();
    await grantToBuiltInRoles(db, ADDED);
  },
};
