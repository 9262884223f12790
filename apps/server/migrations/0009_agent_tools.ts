import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with the agent tools. */
const ADDED: Record<string, string[]> = {
  admin: ['macros.manage', 'time.manage'],
  manager: ['macros.manage', 'time.manage'],
};

/**
 * Agent tools: the public web form's settings and its rate-limit counters, macros (canned replies) and time
 * entries per case.
 */
export const agentTools: AppMigration = {
  name: '0009_agent_tools',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('webform_settings')
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('case_type', 'text', (c) => c.notNull())
      .addColumn('fields', t.json, (c) => c.notNull())
      .addColumn('allowed_origins', t.json, (c) => c.notNull())
      .addColumn('thank_you', t.json, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_webform_settings', ['workspace_id'])
      .execute();

    /** Submissions per key (ip:… or email:…) in a fixed window; shared by every process. */
    await ws('webform_throttle')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', t.timestamp, (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_webform_throttle', ['workspace_id', 'key'])
      .execute();

    /** Customers the web form created, by email domain, so later submissions from the domain reuse them. */
    await ws('webform_customers')
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_webform_customers', ['workspace_id', 'domain'])
      .addForeignKeyConstraint(
        'fk_webform_customers_customer_id',
        ['workspace_id', 'customer_id'] as never[],
        'customers',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .execute();

    await ws('macros')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner_id', t.uuid)
      .addColumn('body_zh', 'text', (c) => c.notNull())
      .addColumn('body_en', 'text', (c) => c.notNull())
      .addColumn('actions', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_macros', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_macros_owner_id', ['owner_id'], 'users', 'cascade'))
      .execute();

    await ws('time_entries')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull())
      .addColumn('billable', t.bool, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('worked_on', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_time_entries', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_time_entries_case_id', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_time_entries_user_id', ['user_id'], 'users'))
      .execute();
    await db.schema
      .createIndex('ix_time_entries_case')
      .on('time_entries')
      .columns(['workspace_id', 'case_id'])
      .execute();
    await db.schema
      .createIndex('ix_time_entries_worked_on')
      .on('time_entries')
      .columns(['workspace_id', 'worked_on'])
      .execute();

    await grantToBuiltInRoles(db, ADDED);
  },
};
