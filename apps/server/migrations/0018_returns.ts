import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with returns. */
const ADDED: Record<string, string[]> = {
  admin: ['returns.review', 'returns.manage'],
  manager: ['returns.review', 'returns.manage'],
  agent: ['returns.review'],
};

/**
 * Returns judged in parallel: policies (reviewing departments, combine rule, deadlines in service hours), the
 * reason catalogue, return requests with their lines, one review per department and round, the timeline the
 * customer follows, and the deadline events (late reviews, escalations) recorded once each.
 */
export const returns: AppMigration = {
  name: '0018_returns',
  async up(db: Kysely<unknown>, dialect, t) {
    const fk = tenantFk;
    await tenantTable(db, t, 'return_policies')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // '' is the workspace default; otherwise a product category.
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('department_ids', t.json, (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('quorum', 'integer')
      .addColumn('review_hours', 'integer', (c) => c.notNull())
      .addColumn('decision_hours', 'integer', (c) => c.notNull())
      .addColumn('calendar_id', t.uuid)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_policies', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_return_policies_category', ['workspace_id', 'category'])
      .addForeignKeyConstraint(...fk('fk_return_policies_calendar_id', ['calendar_id'], 'service_calendars'))
      .execute();

    await tenantTable(db, t, 'return_reasons')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('label_zh', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_reasons', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_return_reasons_code', ['workspace_id', 'code'])
      .execute();

    await tenantTable(db, t, 'returns')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('contact_id', t.uuid)
      .addColumn('case_id', t.uuid)
      .addColumn('policy_id', t.uuid)
      .addColumn('reason_id', t.uuid, (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('photo_ids', t.json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('appealed', t.bool, (c) => c.notNull())
      // The policy as it was when the request arrived: rule, quorum, reviewing departments.
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('quorum', 'integer')
      .addColumn('department_ids', t.json, (c) => c.notNull())
      .addColumn('review_hours', 'integer', (c) => c.notNull())
      .addColumn('decision_hours', 'integer', (c) => c.notNull())
      .addColumn('calendar_id', t.uuid)
      .addColumn('review_due_at', t.timestamp, (c) => c.notNull())
      .addColumn('decision_due_at', t.timestamp, (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('decided_at', t.timestamp)
      .addColumn('appeal_reason', 'text')
      .addColumn('logistics', 'text')
      .addColumn('pickup_at', t.timestamp)
      .addColumn('tracking_number', 'text')
      .addColumn('received_at', t.timestamp)
      .addColumn('inspected_at', t.timestamp)
      .addColumn('inspection_passed', t.bool)
      .addColumn('inspection_note', 'text')
      .addColumn('refund_cents', t.money)
      .addColumn('replacement_order_id', t.uuid)
      .addColumn('repair_case_id', t.uuid)
      .addColumn('completed_at', t.timestamp)
      .addColumn('cancelled_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_returns', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_returns_number', ['workspace_id', 'number'])
      .addForeignKeyConstraint(...fk('fk_returns_customer_id', ['customer_id'], 'customers', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_returns_contact_id', ['contact_id'], 'contacts'))
      .addForeignKeyConstraint(...fk('fk_returns_case_id', ['case_id'], 'cases'))
      .addForeignKeyConstraint(...fk('fk_returns_reason_id', ['reason_id'], 'return_reasons'))
      .addForeignKeyConstraint(...fk('fk_returns_replacement_order_id', ['replacement_order_id'], 'orders'))
      .addForeignKeyConstraint(...fk('fk_returns_repair_case_id', ['repair_case_id'], 'cases'))
      .execute();
    await db.schema
      .createIndex('ix_returns_customer')
      .on('returns')
      .columns(['workspace_id', 'customer_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('ix_returns_status')
      .on('returns')
      .columns(['workspace_id', 'status', 'decision_due_at'])
      .execute();

    await tenantTable(db, t, 'return_lines')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('return_id', t.uuid, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('order_line_id', t.uuid)
      .addColumn('asset_id', t.uuid)
      .addColumn('product_id', t.uuid, (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('warranty', 'text', (c) => c.notNull())
      .addColumn('warranty_end', t.date)
      .addColumn('within_window', t.bool)
      .addColumn('window_end', t.date)
      .addPrimaryKeyConstraint('pk_return_lines', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_return_lines_return_id', ['return_id'], 'returns', 'cascade'))
      .addForeignKeyConstraint(...fk('fk_return_lines_order_line_id', ['order_line_id'], 'order_lines'))
      .addForeignKeyConstraint(...fk('fk_return_lines_asset_id', ['asset_id'], 'assets'))
      .addForeignKeyConstraint(...fk('fk_return_lines_product_id', ['product_id'], 'products'))
      .execute();
    await db.schema
      .createIndex('ix_return_lines_return')
      .on('return_lines')
      .columns(['workspace_id', 'return_id', 'position'])
      .execute();

    await tenantTable(db, t, 'return_reviews')
      .addColumn('return_id', t.uuid, (c) => c.notNull())
      .addColumn('department_id', t.uuid, (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('conditions', t.json, (c) => c.notNull())
      .addColumn('reviewer_id', t.uuid)
      .addColumn('reviewer_name', 'text')
      .addColumn('reviewed_at', t.timestamp)
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_reviews', ['workspace_id', 'return_id', 'department_id', 'round'])
      .addForeignKeyConstraint(...fk('fk_return_reviews_return_id', ['return_id'], 'returns', 'cascade'))
      .addForeignKeyConstraint(
        ...fk('fk_return_reviews_department_id', ['department_id'], 'departments', 'cascade'),
      )
      .execute();
    await db.schema
      .createIndex('ix_return_reviews_queue')
      .on('return_reviews')
      .columns(['workspace_id', 'department_id', 'status', 'due_at'])
      .execute();

    await tenantTable(db, t, 'return_steps')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('return_id', t.uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_name', 'text')
      .addColumn('public', t.bool, (c) => c.notNull())
      .addColumn('details', t.json, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_steps', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_return_steps_return_id', ['return_id'], 'returns', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_return_steps_return')
      .on('return_steps')
      .columns(['workspace_id', 'return_id', 'at'])
      .execute();

    // Photos move here from the uploader's unattached uploads when the request is made: owned by the return from
    // then on (the uploader can no longer delete or reuse them), served re-encoded by the returns routes.
    await tenantTable(db, t, 'return_photos')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('return_id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_photos', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_return_photos_return_id', ['return_id'], 'returns', 'cascade'))
      .execute();

    // One row per deadline event, so the sweep records each once across processes.
    await tenantTable(db, t, 'return_deadline_events')
      .addColumn('return_id', t.uuid, (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // The late department for review_late; '' for the whole decision (escalated).
      .addColumn('department_key', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_return_deadline_events', [
        'workspace_id',
        'return_id',
        'round',
        'kind',
        'department_key',
      ])
      .addForeignKeyConstraint(
        ...fk('fk_return_deadline_events_return_id', ['return_id'], 'returns', 'cascade'),
      )
      .execute();

    await grantToBuiltInRoles(db, ADDED);
  },
};
