import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/**
 * Service levels, the rest: per-workspace service settings (reopen window, severity definitions, complaint
 * settings, paid-escalation prices), a priority on every case, the instant of a case's next SLA event (the
 * sweep reads only due cases through its index), when the engine last applied a case's SLA (null: never, e.g.
 * cases opened before 0004; the sweep backfills them), a complaint acknowledgement target, chargeable items
 * and the root cause / corrective action of complaints.
 */
export const serviceLevels: AppMigration = {
  name: '0010_service_levels',
  async up(db: Kysely<unknown>, _dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = tenantFk;

    await db.schema
      .alterTable('cases')
      .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
      .execute();
    await db.schema.alterTable('cases').addColumn('next_sla_event_at', t.timestamp).execute();
    await db.schema.alterTable('cases').addColumn('sla_applied_at', t.timestamp).execute();
    await db.schema
      .createIndex('ix_cases_next_sla_event')
      .on('cases')
      .columns(['workspace_id', 'next_sla_event_at'])
      .execute();
    await db.schema
      .createIndex('ix_cases_sla_applied')
      .on('cases')
      .columns(['workspace_id', 'sla_applied_at'])
      .execute();

    const typed = db as unknown as Kysely<{
      cases: {
        workspace_id: string;
        id: string;
        severity: string;
        priority: string;
        sla_applied_at: string | null;
        next_deadline_at: string | null;
        next_sla_event_at: string | null;
        created_at: string;
      };
      case_sla: { workspace_id: string; case_id: string; updated_at: string };
    }>;
    for (const [severity, priority] of [
      ['S1', 'urgent'],
      ['S2', 'high'],
      ['S4', 'low'],
    ] as const)
      await typed.updateTable('cases').set({ priority }).where('severity', '=', severity).execute();
    // Cases that already have clocks: applied; running ones are due for the sweep at once (it records what
    // has been crossed and stores their real next event).
    await typed
      .updateTable('cases')
      .set((eb) => ({
        sla_applied_at: eb
          .selectFrom('case_sla')
          .select('case_sla.updated_at')
          .whereRef('case_sla.workspace_id', '=', 'cases.workspace_id')
          .whereRef('case_sla.case_id', '=', 'cases.id'),
        next_sla_event_at: eb
          .case()
          .when('cases.next_deadline_at', 'is not', null)
          .then(eb.ref('cases.created_at'))
          .end(),
      }))
      .execute();

    await db.schema.alterTable('case_sla').addColumn('acknowledgement_minutes', 'integer').execute();
    await db.schema.alterTable('case_sla').addColumn('acknowledgement_due_at', t.timestamp).execute();
    await db.schema.alterTable('case_sla').addColumn('acknowledgement_met_at', t.timestamp).execute();

    await ws('service_settings')
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_service_settings', ['workspace_id'])
      .execute();

    await ws('case_charges')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_severity', 'text', (c) => c.notNull())
      .addColumn('to_severity', 'text', (c) => c.notNull())
      .addColumn('amount_cents', t.money, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('requested_by_type', 'text', (c) => c.notNull())
      .addColumn('requested_by_id', t.uuid)
      .addColumn('requested_by_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_charges', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_case_charges_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_case_charges_case')
      .on('case_charges')
      .columns(['workspace_id', 'case_id', 'created_at'])
      .execute();

    await ws('case_complaints')
      .addColumn('case_id', t.uuid, (c) => c.notNull())
      .addColumn('root_cause', 'text')
      .addColumn('corrective_action', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_case_complaints', ['workspace_id', 'case_id'])
      .addForeignKeyConstraint(...fk('fk_case_complaints_case_id', ['case_id'], 'cases', 'cascade'))
      .execute();
  },
};
