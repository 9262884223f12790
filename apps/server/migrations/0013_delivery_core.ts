import type { Kysely } from 'kysely';
import type { AppMigration } from './types.js';

/**
 * What every delivery channel (mail, in-app notifications, bots, webhooks) builds on:
 * - the outbox is dispatched with retries: attempts, the last error and when to try again;
 * - a case message keeps the RFC 5322 Message-ID it was received or sent with, unique per workspace, so one
 *   Message-ID is one message however often it is delivered.
 */
export const deliveryCore: AppMigration = {
  name: '0013_delivery_core',
  async up(db: Kysely<unknown>, _dialect, t) {
    await db.schema
      .alterTable('outbox')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('next_attempt_at', t.timestamp).execute();
    await db.schema.alterTable('case_messages').addColumn('mail_message_id', 'text').execute();
    await db.schema
      .createIndex('uq_case_messages_mail_message_id')
      .on('case_messages')
      .columns(['workspace_id', 'mail_message_id'])
      .unique()
      .execute();
  },
};
