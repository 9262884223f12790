import { sql, type Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with teams. */
const ADDED: Record<string, string[]> = {
  admin: ['teams.manage'],
  manager: ['teams.manage'],
};

/**
 * Teams and their members, ordered assignment rules, the team of a case, merge/split links between cases,
 * the messages a merge copied, and presence (who has a case open or is replying; rows expire by time).
 * cases.team_id gets its foreign key on PostgreSQL only: SQLite cannot add a constraint to an existing table
 * (the service checks the reference on both).
 */
export const teams: AppMigration = {
  name: '0007_teams',
  async up(db: Kysely<unknown>, dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('teams')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lead_id', t.uuid)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_teams', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_teams_lead_id', ['lead_id'], 'users'))
      .execute();

    await ws('team_members')
      .addColumn('team_id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_team_members', ['workspace_id', 'team_id', 'user_id'])
      .addForeignKeyConstraint(...fk('fk_team_members_team_id', ['team_id'], 'teams', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_team_members_user_id', ['user_id'], 'users', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_team_members_user')
      .on('team_members')
      .columns(['workspace_id', 'user_id'])
      .execute();

    await ws('assignment_rules')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('conditions', t.json, (c) => c.notNull())
      .addColumn('team_id', t.uuid)
      .addColumn('assign', 'text', (c) => c.notNull())
      .addColumn('agent_id', t.uuid)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_assignment_rules', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_assignment_rules_team_id', ['team_id'], 'teams'))
      .addForeignKeyConstraint(...fk('fk_assignment_rules_agent_id', ['agent_id'], 'users'))
      .execute();

    await db.schema.alterTable('cases').addColumn('team_id', t.uuid).execute();
    if (dialect === 'postgres')
      await sql`alter table cases add constraint fk_cases_team_id foreign key (workspace_id, team_id)
        references teams (workspace_id, id)`.execute(db);
    await db.schema
      .createIndex('ix_cases_team')
      .on('cases')
      .columns(['workspace_id', 'team_id', 'status'])
      .execute();

    // Who was given a case last (the tie-break of assignment by load: longest ago first).
    await ws('assignee_stamps')
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_assignee_stamps', ['workspace_id', 'user_id'])
      .addForeignKeyConstraint(...fk('fk_assignee_stamps_user_id', ['user_id'], 'users', 'cascade'))
      .execute();

    await ws('case_merges')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source_case_id', t.uuid, (c) => c.notNull())
      .addColumn('target_case_id', t.uuid, (c) => c.notNull())
      .addColumn('message_id', t.uuid)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_merges', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_merges_source', ['source_case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_case_merges_target', ['target_case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_merges_source')
      .on('case_merges')
      .columns(['workspace_id', 'source_case_id'])
      .execute();
    await db.schema
      .createIndex('ix_case_merges_target')
      .on('case_merges')
      .columns(['workspace_id', 'target_case_id'])
      .execute();

    await ws('case_message_origins')
      .addColumn('message_id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('from_case_id', t.uuid, (c) => c.notNull())
      .addColumn('from_message_id', t.uuid, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_message_origins', ['workspace_id', 'message_id'])
      .addForeignKeyConstraint(...fk('fk_case_message_origins_case', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_message_origins_case')
      .on('case_message_origins')
      .columns(['workspace_id', 'case_id'])
      .execute();

    await ws('case_presence')
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('seen_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_presence', ['workspace_id', 'case_id', 'user_id'])
      .addForeignKeyConstraint(...fk('fk_case_presence_case', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_case_presence_user', ['user_id'], 'users', 'cascade'))
      .execute();

    await grantToBuiltInRoles(db, ADDED);
  },
};
