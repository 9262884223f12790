import type { Kysely } from 'kysely';
import { tenantFk, tenantTable, type AppMigration } from './types.js';
import { grantToBuiltInRoles } from './roles.js';

/** Integrations (webhooks, group bots) are administration: only the built-in administrators get them. */
const ADDED: Record<string, string[]> = {
  admin: ['integrations.manage'],
};

/**
 * Generic outbound webhooks and group bots (WeCom, DingTalk, Feishu), with the one delivery queue both use, and
 * the per-workspace integration settings (whether private network targets are allowed; off by default).
 */
export const webhooksBots: AppMigration = {
  name: '0017_webhooks_bots',
  async up(db: Kysely<unknown>, _dialect, t) {
    const fk = tenantFk;
    await tenantTable(db, t, 'integration_settings')
      .addColumn('allow_private_targets', t.bool, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_integration_settings', ['workspace_id'])
      .execute();

    await tenantTable(db, t, 'webhook_endpoints')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('event_types', t.json, (c) => c.notNull())
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_webhook_endpoints', ['workspace_id', 'id'])
      .execute();

    await tenantTable(db, t, 'bot_targets')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('url_hint', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('team_id', t.uuid)
      .addColumn('events', t.json, (c) => c.notNull())
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_bot_targets', ['workspace_id', 'id'])
      .addForeignKeyConstraint(...fk('fk_bot_targets_team_id', ['team_id'], 'teams', 'cascade'))
      .execute();

    await tenantTable(db, t, 'webhook_deliveries')
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('endpoint_id', t.uuid)
      .addColumn('bot_id', t.uuid)
      .addColumn('event_id', t.uuid)
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', t.timestamp)
      .addColumn('last_attempt_at', t.timestamp)
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('duration_ms', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('replay_of', t.uuid)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_webhook_deliveries', ['workspace_id', 'id'])
      .addForeignKeyConstraint(
        ...fk('fk_webhook_deliveries_endpoint_id', ['endpoint_id'], 'webhook_endpoints', 'cascade'),
      )
      .addForeignKeyConstraint(...fk('fk_webhook_deliveries_bot_id', ['bot_id'], 'bot_targets', 'cascade'))
      .execute();
    await db.schema
      .createIndex('ix_webhook_deliveries_due')
      .on('webhook_deliveries')
      .columns(['next_attempt_at', 'workspace_id'])
      .execute();
    await db.schema
      .createIndex('ix_webhook_deliveries_endpoint')
      .on('webhook_deliveries')
      .columns(['workspace_id', 'endpoint_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('ix_webhook_deliveries_bot')
      .on('webhook_deliveries')
      .columns(['workspace_id', 'bot_id', 'created_at'])
      .execute();
    await grantToBuiltInRoles(db, ADDED);
  },
};
