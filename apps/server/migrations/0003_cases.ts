import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/** Permissions the built-in roles gained with support cases. */
const ADDED: Record<string, string[]> = {
  admin: ['cases.read', 'cases.write'],
  manager: ['cases.read', 'cases.write'],
  agent: ['cases.read', 'cases.write'],
  viewer: ['cases.read'],
};

interface RoleRow {
  workspace_id: string;
  id: string;
  key: string | null;
  permissions: string;
}

/**
 * Support cases and their messages. Built-in roles of existing workspaces keep the permission lists they were
 * created with, so the new case permissions are added to them here (read and written in TypeScript: the JSON
 * functions of the two databases differ).
 */
export const cases: AppMigration = {
  name: '0003_cases',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('cases')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('contact_id', t.uuid)
      .addColumn('assignee_id', t.uuid)
      .addColumn('pause_reason', 'text')
      .addColumn('next_deadline_at', t.timestamp)
      .addColumn('solved_at', t.timestamp)
      .addColumn('closed_at', t.timestamp)
      .addColumn('last_customer_reply_at', t.timestamp)
      .addColumn('last_agent_reply_at', t.timestamp)
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_cases', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_cases_number', ['workspace_id', 'number'])
      .addForeignKeyConstraint(...fk('fk_cases_customer_id', ['customer_id'], 'customers'))
      .addForeignKeyConstraint(...fk('fk_cases_contact_id', ['contact_id'], 'contacts'))
      .addForeignKeyConstraint(...fk('fk_cases_assignee_id', ['assignee_id'], 'users'))
      .execute();
    await db.schema
      .createIndex('ix_cases_queue')
      .on('cases')
      .columns(['workspace_id', 'status', 'next_deadline_at'])
      .execute();
    await db.schema
      .createIndex('ix_cases_customer')
      .on('cases')
      .columns(['workspace_id', 'customer_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('ix_cases_assignee')
      .on('cases')
      .columns(['workspace_id', 'assignee_id', 'status'])
      .execute();

    await ws('case_messages')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('author_type', 'text', (c) => c.notNull())
      .addColumn('author_id', t.uuid)
      .addColumn('author_name', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_messages', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_messages_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_messages_case')
      .on('case_messages')
      .columns(['workspace_id', 'case_id', 'created_at'])
      .execute();

    await addCasePermissions(db);
  },
};

/** Adds the case permissions to the built-in roles of every workspace (idempotent). */
export async function addCasePermissions(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<{ roles: RoleRow }>;
  const roles = await typed
    .selectFrom('roles')
    .select(['workspace_id', 'id', 'key', 'permissions'])
    .where('key', 'in', Object.keys(ADDED))
    .execute();
  for (const role of roles) {
    const added = ADDED[role.key ?? ''];
    if (!added) continue;
    const current = JSON.parse(role.permissions) as string[];
    const next = [...current, ...added.filter((p) => !current.includes(p))];
    if (next.length === current.length) continue;
    await typed
      .updateTable('roles')
      .set({ permissions: JSON.stringify(next) })
      .where('workspace_id', '=', role.workspace_id)
      .where('id', '=', role.id)
      .execute();
  }
}
