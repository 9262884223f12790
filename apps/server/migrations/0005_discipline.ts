import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Case discipline: the agreement the customer confirms (one current agreement per case; replaced ones live on
 * in the audit log), status summaries, the ordered action plan and the closing summary of a solved case.
 */
export const discipline: AppMigration = {
  name: '0005_discipline',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await ws('case_agreements')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('proposed_by_id', t.uuid)
      .addColumn('proposed_by', 'text')
      .addColumn('proposed_at', t.timestamp, (c) => c.notNull())
      .addColumn('confirmed_by_id', t.uuid)
      .addColumn('confirmed_by', 'text')
      .addColumn('confirmed_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_case_agreements', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_case_agreements_case', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(...fk('fk_case_agreements_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();

    await ws('case_summaries')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('done_so_far', 'text', (c) => c.notNull())
      .addColumn('difficulties', 'text', (c) => c.notNull())
      .addColumn('next_steps', 'text', (c) => c.notNull())
      .addColumn('author_id', t.uuid)
      .addColumn('author_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_summaries', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_summaries_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_summaries_case')
      .on('case_summaries')
      .columns(['workspace_id', 'case_id', 'created_at'])
      .execute();

    await ws('case_plan_steps')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('expected_result', 'text', (c) => c.notNull())
      .addColumn('done_at', t.timestamp)
      .addColumn('done_by_id', t.uuid)
      .addColumn('done_by', 'text')
      .addPrimaryKeyConstraint('pk_case_plan_steps', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_plan_steps_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_plan_steps_case')
      .on('case_plan_steps')
      .columns(['workspace_id', 'case_id', 'position'])
      .execute();

    await ws('case_closing_summaries')
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('fix', 'text', (c) => c.notNull())
      .addColumn('customer_notes', 'text', (c) => c.notNull())
      .addColumn('author_id', t.uuid)
      .addColumn('author_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_closing_summaries', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(
        'fk_case_closing_summaries_case_id',
        ['workspace_id', 'case_id'] as never[],
        'cases',
        ['workspace_id', 'id'],
        (cb) => cb.onDelete('cascade'),
      )
      .execute();
  },
};
