import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Case discipline, second part: related problems (blocking / follow-up / separate), checkpoints agreed with the
 * customer, the status-summary schedule and plan version of each case, the workspace's discipline defaults, the
 * sweep's once-only events, and versions on the agreement (optimistic concurrency) with how it was confirmed.
 */
export const disciplineLinks: AppMigration = {
  name: '0011_discipline_links',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await db.schema
      .alterTable('case_agreements')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('case_agreements').addColumn('confirmed_via', 'text').execute();

    await ws('case_links')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('linked_case_id', t.uuid)
      .addColumn('done_at', t.timestamp)
      .addColumn('done_by', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_links', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_links_case_id', ['case_id'], 'cases', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_case_links_linked_case_id', ['linked_case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_links_case')
      .on('case_links')
      .columns(['workspace_id', 'case_id'])
      .execute();
    await db.schema
      .createIndex('ix_case_links_linked')
      .on('case_links')
      .columns(['workspace_id', 'linked_case_id'])
      .execute();

    await ws('case_checkpoints')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('done_at', t.timestamp)
      .addColumn('done_by', 'text')
      .addColumn('acknowledged_at', t.timestamp)
      .addColumn('acknowledged_by', 'text')
      .addColumn('missed_at', t.timestamp)
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_checkpoints', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_checkpoints_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_checkpoints_due')
      .on('case_checkpoints')
      .columns(['workspace_id', 'done_at', 'due_at'])
      .execute();
    await db.schema
      .createIndex('ix_case_checkpoints_case')
      .on('case_checkpoints')
      .columns(['workspace_id', 'case_id', 'due_at'])
      .execute();

    // One row per case once anything of it is set: the plan's version and the summary schedule.
    await ws('case_discipline')
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('plan_version', 'integer', (c) => c.notNull())
      .addColumn('summary_custom', t.bool, (c) => c.notNull())
      .addColumn('summary_every_hours', 'integer')
      .addColumn('summary_set_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_case_discipline', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(
        'fk_case_discipline_case_id',
        ['workspace_id', 'case_id'] as never[],
        'cases',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .execute();

    await ws('discipline_settings')
      .addColumn('checkpoint_lead_minutes', 'integer', (c) => c.notNull())
      .addColumn('summary_hours_s1', 'integer')
      .addColumn('summary_hours_s2', 'integer')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_discipline_settings', ['workspace_id'])
      .execute();

    await ws('discipline_events')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('subject_id', t.uuid, (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_discipline_events', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_discipline_events', ['workspace_id', 'subject_id', 'event', 'period_key'])
      .addForeignKeyConstraint(...fk('fk_discipline_events_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
  },
};
