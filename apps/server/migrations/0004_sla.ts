import type { Kysely } from 'kysely';
import type { Locale } from '@aftercare/contracts';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { newId } from '../src/platform/ids.js';
import { DEFAULT_WARN_AT, defaultCalendars, defaultPolicies } from './0004_sla.defaults.js';

const ADDED: Record<string, string[]> = { admin: ['sla.manage'], manager: ['sla.manage'] };

interface RoleRow {
  workspace_id: string;
  id: string;
  key: string | null;
  permissions: string;
}

interface Seeded {
  roles: RoleRow;
  workspaces: { id: string; timezone: string; default_locale: string };
  service_calendars: Record<string, unknown>;
  sla_policies: Record<string, unknown>;
}

/**
 * Service levels: calendars, policies, each case's SLA clocks, its pauses and the sweep's events. Existing
 * workspaces get the default calendars and policies new workspaces get, and admin/manager gain sla.manage.
 */
export const sla: AppMigration = {
  name: '0004_sla',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('service_calendars')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('spec', t.json, (c) => c.notNull())
      .addColumn('is_default', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_service_calendars', ['workspace_id', 'id'])
      .execute();

    await ws('sla_policies')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('conditions', t.json, (c) => c.notNull())
      .addColumn('calendar_id', t.uuid, (c) => c.notNull())
      .addColumn('targets', t.json, (c) => c.notNull())
      .addColumn('warn_at', t.json, (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_sla_policies', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_sla_policies_calendar_id', ['calendar_id'], 'service_calendars'))
      .execute();

    // One row per case under a policy. policy_id is a plain reference (the targets are copied, so a case
    // keeps its clocks when its policy is deleted); the calendar must stay while cases use it.
    await ws('case_sla')
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('policy_id', t.uuid)
      .addColumn('calendar_id', t.uuid, (c) => c.notNull())
      .addColumn('targets', t.json, (c) => c.notNull())
      .addColumn('warn_at', t.json, (c) => c.notNull())
      .addColumn('first_response_due_at', t.timestamp)
      .addColumn('first_response_met_at', t.timestamp)
      .addColumn('next_response_start_at', t.timestamp)
      .addColumn('next_response_due_at', t.timestamp)
      .addColumn('next_response_met_at', t.timestamp)
      .addColumn('resolution_due_at', t.timestamp)
      .addColumn('resolution_met_at', t.timestamp)
      .addColumn('paused_since', t.timestamp)
      .addColumn('paused_minutes', t.real, (c) => c.notNull())
      .addColumn('escalation_level', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_sla', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(
        'fk_case_sla_case_id',
        ['workspace_id', 'case_id'] as never[],
        'cases',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .addForeignKeyConstraint(...fk('fk_case_sla_calendar_id', ['calendar_id'], 'service_calendars'))
      .execute();

    await ws('case_pauses')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('from_at', t.timestamp, (c) => c.notNull())
      .addColumn('to_at', t.timestamp)
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_pauses', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_pauses_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_pauses_case')
      .on('case_pauses')
      .columns(['workspace_id', 'case_id', 'from_at'])
      .execute();

    // started_at tells the cycles of a target apart (each customer reply starts a new next-response clock).
    await ws('sla_events')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('escalation_level', 'integer')
      .addPrimaryKeyConstraint('pk_sla_events', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_sla_events', ['workspace_id', 'case_id', 'kind', 'started_at', 'event'])
      .addForeignKeyConstraint(...fk('fk_sla_events_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();

    await seedExistingWorkspaces(db);
    await addSlaPermissions(db);
  },
};

async function seedExistingWorkspaces(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<Seeded>;
  const now = new Date().toISOString();
  const workspaces = await typed
    .selectFrom('workspaces')
    .select(['id', 'timezone', 'default_locale'])
    .execute();
  for (const w of workspaces) {
    const locale = (w.default_locale === 'en' ? 'en' : 'zh-CN') as Locale;
    const ids: Record<string, string> = {};
    for (const c of defaultCalendars(locale, w.timezone)) {
      ids[c.key] = newId();
      await typed
        .insertInto('service_calendars')
        .values({
          workspace_id: w.id,
          id: ids[c.key],
          name: c.name,
          spec: JSON.stringify(c.spec),
          is_default: c.isDefault ? 1 : 0,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
    }
    let position = 0;
    for (const p of defaultPolicies(locale)) {
      position += 1;
      await typed
        .insertInto('sla_policies')
        .values({
          workspace_id: w.id,
          id: newId(),
          name: p.name,
          position,
          conditions: JSON.stringify(p.conditions),
          calendar_id: ids[p.calendar],
          targets: JSON.stringify(p.targets),
          warn_at: JSON.stringify(DEFAULT_WARN_AT),
          active: 1,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
    }
  }
}

async function addSlaPermissions(db: Kysely<unknown>): Promise<void> {
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
