import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Notifications of staff members:
 * - notifications: the in-app centre, one row per recipient of a domain event (unique per outbox event and
 *   user, so dispatching twice writes nothing twice); the text is a key and params, rendered when read;
 * - notification_preferences: a person's channels per event (absent rows mean the defaults);
 * - notification_mails: emails to staff members, written with the notification and sent by a periodic task.
 */
export const notifications: AppMigration = {
  name: '0016_notifications',
  async up(db: Kysely<unknown>, _dialect, t) {
    await tenantTable(db, t, 'notifications')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('source_event_id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid)
      .addColumn('message_key', 'text', (c) => c.notNull())
      .addColumn('params', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('read_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_notifications', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_notifications_source_user', ['workspace_id', 'source_event_id', 'user_id'])
      .addForeignKeyConstraint(...tenantFk('fk_notifications_user_id', ['user_id'], 'users', 'cascade'))
      .addForeignKeyConstraint(...tenantFk('fk_notifications_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_notifications_user_created')
      .on('notifications')
      .columns(['workspace_id', 'user_id', 'created_at', 'id'])
      .execute();

    await tenantTable(db, t, 'notification_preferences')
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('in_app', t.bool, (c) => c.notNull())
      .addColumn('email', t.bool, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_notification_preferences', ['workspace_id', 'user_id', 'event'])
      .addForeignKeyConstraint(
        ...tenantFk('fk_notification_preferences_user_id', ['user_id'], 'users', 'cascade'),
      )
      .execute();

    await tenantTable(db, t, 'notification_mails')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('source_event_id', t.uuid, (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('sent_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_notification_mails', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_notification_mails_source_user', [
        'workspace_id',
        'source_event_id',
        'user_id',
      ])
      .addForeignKeyConstraint(...tenantFk('fk_notification_mails_user_id', ['user_id'], 'users', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_notification_mails_pending')
      .on('notification_mails')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
};
