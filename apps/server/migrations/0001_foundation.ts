import { sql, type Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';

/** Foundation: workspaces, staff, access, customer records, audit log, outbox and jobs. */
export const foundation: AppMigration = {
  name: '0001_foundation',
  async up(db: Kysely<unknown>, dialect, t) {
    const ws = (name: string) => tenantTable(db, t, name);
    const fk = (cols: string[], table: string, onDelete: 'cascade' | 'restrict' = 'restrict') =>
      tenantFk(`fk_${table}_${cols.join('_')}`, cols, table, onDelete);

    await db.schema
      .createTable('workspaces')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('default_locale', 'text', (c) => c.notNull())
      .addColumn('modules', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();

    await ws('users')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('last_login_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_users', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_users_email', ['workspace_id', 'email'])
      .execute();
    await db.schema.createIndex('ix_users_email').on('users').column('email').execute();

    await ws('roles')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('key', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('permissions', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_roles', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_roles_key', ['workspace_id', 'key'])
      .execute();

    await ws('user_roles')
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('role_id', t.uuid, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_user_roles', ['workspace_id', 'user_id', 'role_id'])
      .addForeignKeyConstraint(...fk(['user_id'], 'users', 'cascade'))
      .addForeignKeyConstraint(...fk(['role_id'], 'roles', 'cascade'))
      .execute();

    await ws('departments')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_departments', ['workspace_id', 'id'])
      .execute();

    await ws('department_members')
      .addColumn('department_id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('lead', t.bool, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_department_members', ['workspace_id', 'department_id', 'user_id'])
      .addForeignKeyConstraint(...fk(['department_id'], 'departments', 'cascade'))
      .addForeignKeyConstraint(...fk(['user_id'], 'users', 'cascade'))
      .execute();

    await ws('sessions')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', t.uuid, (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_sessions', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_sessions_token', ['workspace_id', 'token_hash'])
      .execute();
    await db.schema
      .createIndex('ix_sessions_subject')
      .on('sessions')
      .columns(['workspace_id', 'subject_id'])
      .execute();

    await ws('one_time_tokens')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', t.uuid, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_one_time_tokens', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_one_time_tokens_hash', ['workspace_id', 'token_hash'])
      .execute();

    await ws('api_tokens')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('user_id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', t.timestamp)
      .addColumn('expires_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_api_tokens', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_api_tokens_hash', ['workspace_id', 'token_hash'])
      .addForeignKeyConstraint(...fk(['user_id'], 'users', 'cascade'))
      .execute();

    await ws('counters')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_counters', ['workspace_id', 'kind'])
      .execute();

    await ws('customers')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('tags', t.json, (c) => c.notNull())
      .addColumn('owner_id', t.uuid)
      .addColumn('phone', 'text')
      .addColumn('website', 'text')
      .addColumn('province', 'text')
      .addColumn('city', 'text')
      .addColumn('address', 'text')
      .addColumn('latitude', t.real)
      .addColumn('longitude', t.real)
      .addColumn('notes', 'text')
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_customers', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_customers_code', ['workspace_id', 'code'])
      .addForeignKeyConstraint(...fk(['owner_id'], 'users'))
      .execute();
    await db.schema
      .createIndex('ix_customers_name')
      .on('customers')
      .columns(['workspace_id', 'name'])
      .execute();

    await ws('contacts')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('wechat_id', 'text')
      .addColumn('title', 'text')
      .addColumn('birthday', t.date)
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('portal_access', t.bool, (c) => c.notNull())
      .addColumn('company_wide', t.bool, (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('last_login_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_contacts', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk(['customer_id'], 'customers'))
      .execute();
    await db.schema
      .createIndex('ix_contacts_customer')
      .on('contacts')
      .columns(['workspace_id', 'customer_id'])
      .execute();
    await db.schema.createIndex('ix_contacts_email').on('contacts').columns(['email']).execute();

    await ws('products')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('description', 'text')
      .addColumn('warranty_months', 'integer', (c) => c.notNull())
      .addColumn('return_window_days', 'integer', (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_products', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_products_sku', ['workspace_id', 'sku'])
      .execute();

    await ws('editions')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('product_id', t.uuid, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_editions', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_editions_code', ['workspace_id', 'product_id', 'code'])
      .addForeignKeyConstraint(...fk(['product_id'], 'products', 'cascade'))
      .execute();

    await ws('orders')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('external_ref', 'text')
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('ordered_at', t.date, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('total_cents', t.money, (c) => c.notNull())
      .addColumn('line_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_orders', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_orders_number', ['workspace_id', 'number'])
      .addUniqueConstraint('uq_orders_external_ref', ['workspace_id', 'external_ref'])
      .addForeignKeyConstraint(...fk(['customer_id'], 'customers'))
      .execute();
    await db.schema
      .createIndex('ix_orders_customer')
      .on('orders')
      .columns(['workspace_id', 'customer_id', 'ordered_at'])
      .execute();
    await db.schema
      .createIndex('ix_orders_date')
      .on('orders')
      .columns(['workspace_id', 'ordered_at'])
      .execute();

    await ws('order_lines')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('order_id', t.uuid, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('product_id', t.uuid, (c) => c.notNull())
      .addColumn('edition_id', t.uuid)
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit_price_cents', t.money, (c) => c.notNull())
      .addColumn('serial_numbers', t.json, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_order_lines', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk(['order_id'], 'orders', 'cascade'))
      .addForeignKeyConstraint(...fk(['product_id'], 'products'))
      .addForeignKeyConstraint(...fk(['edition_id'], 'editions'))
      .execute();
    await db.schema
      .createIndex('ix_order_lines_order')
      .on('order_lines')
      .columns(['workspace_id', 'order_id', 'position'])
      .execute();

    await ws('assets')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('product_id', t.uuid, (c) => c.notNull())
      .addColumn('edition_id', t.uuid)
      .addColumn('order_id', t.uuid)
      .addColumn('serial_number', 'text', (c) => c.notNull())
      .addColumn('purchase_date', t.date)
      .addColumn('warranty_end', t.date)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_assets', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_assets_serial', ['workspace_id', 'product_id', 'serial_number'])
      .addForeignKeyConstraint(...fk(['customer_id'], 'customers'))
      .addForeignKeyConstraint(...fk(['product_id'], 'products'))
      .addForeignKeyConstraint(...fk(['edition_id'], 'editions'))
      .addForeignKeyConstraint(...fk(['order_id'], 'orders'))
      .execute();
    await db.schema
      .createIndex('ix_assets_customer')
      .on('assets')
      .columns(['workspace_id', 'customer_id'])
      .execute();
    await db.schema
      .createIndex('ix_assets_serial')
      .on('assets')
      .columns(['workspace_id', 'serial_number'])
      .execute();

    await ws('audit_log')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', t.uuid, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', t.uuid)
      .addColumn('actor_name', 'text')
      .addColumn('changes', t.json, (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addPrimaryKeyConstraint('pk_audit_log', ['workspace_id', 'id'])
      .execute();
    await db.schema
      .createIndex('ix_audit_entity')
      .on('audit_log')
      .columns(['workspace_id', 'entity_type', 'entity_id', 'at'])
      .execute();

    await ws('outbox')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('processed_at', t.timestamp)
      .addPrimaryKeyConstraint('pk_outbox', ['workspace_id', 'id'])
      .execute();
    await db.schema
      .createIndex('ix_outbox_pending')
      .on('outbox')
      .columns(['processed_at', 'created_at'])
      .execute();

    await ws('jobs')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('run_at', t.timestamp, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('locked_until', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('done_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_jobs', ['workspace_id', 'id'])
      .execute();
    await db.schema.createIndex('ix_jobs_due').on('jobs').columns(['done_at', 'run_at']).execute();

    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', t.timestamp, (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_login_throttle', ['key', 'window_start'])
      .execute();

    // The audit log is append-only at the database level: no API, and no stray UPDATE, can rewrite history.
    if (dialect === 'postgres') {
      await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    }
  },
};
