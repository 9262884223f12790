import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Permissions the built-in roles gained with service contracts. */
const ADDED: Record<string, string[]> = {
  admin: ['contracts.manage'],
  manager: ['contracts.manage'],
};

/**
 * Service contracts (a customer's covered edition, service calendar and term) and, on cases, the contract a case
 * is served under and the installed product (asset) it is about.
 */
export const serviceContracts: AppMigration = {
  name: '0012_service_contracts',
  async up(db: Kysely<unknown>, _dialect, t) {
    const fk = tenantFk;
    await tenantTable(db, t, 'service_contracts')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('customer_id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('edition_id', t.uuid)
      .addColumn('calendar_id', t.uuid)
      .addColumn('starts_on', t.date, (c) => c.notNull())
      .addColumn('ends_on', t.date, (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_service_contracts', ['workspace_id', 'id'])
      .addUniqueConstraint('uq_service_contracts_number', ['workspace_id', 'number'])
      .addForeignKeyConstraint(
        ...fk('fk_service_contracts_customer_id', ['customer_id'], 'customers', 'cascade'),
      )
      .addForeignKeyConstraint(...fk('fk_service_contracts_edition_id', ['edition_id'], 'editions'))
      .addForeignKeyConstraint(
        ...fk('fk_service_contracts_calendar_id', ['calendar_id'], 'service_calendars'),
      )
      .execute();
    await db.schema
      .createIndex('ix_service_contracts_customer')
      .on('service_contracts')
      .columns(['workspace_id', 'customer_id', 'ends_on'])
      .execute();

    await db.schema.alterTable('cases').addColumn('contract_id', t.uuid).execute();
    await db.schema.alterTable('cases').addColumn('asset_id', t.uuid).execute();
    await db.schema
      .createIndex('ix_cases_contract')
      .on('cases')
      .columns(['workspace_id', 'contract_id'])
      .execute();
    await grantToBuiltInRoles(db, ADDED);
  },
};
