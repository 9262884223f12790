import type { Kysely } from 'kysely';
import type { AppMigration } from './types.js';

/**
 * A contact's email is their portal sign-in, so it is unique among the contacts of a workspace. Contacts
 * without an email (NULL) are not affected: both databases let NULLs repeat under a unique index.
 */
export const contactEmailUnique: AppMigration = {
  name: '0002_contact_email_unique',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('uq_contacts_email')
      .unique()
      .on('contacts')
      .columns(['workspace_id', 'email'])
      .execute();
  },
};
