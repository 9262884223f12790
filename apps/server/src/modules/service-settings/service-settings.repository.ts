import type { CustomerTier } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { defaultServiceSettings, type ServiceSettingsData } from './defaults.js';

export interface ServiceSettingsRecord {
  data: ServiceSettingsData;
  /** 0 while the workspace still runs on the defaults (no row yet). */
  version: number;
}

export class ServiceSettingsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /** The stored settings over the defaults (a later default key shows up for older rows). */
  async load(): Promise<ServiceSettingsRecord> {
    const r = await this.db
      .selectFrom('service_settings')
      .select(['settings', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    const defaults = defaultServiceSettings();
    if (!r) return { data: defaults, version: 0 };
    return {
      data: { ...defaults, ...(JSON.parse(r.settings) as Partial<ServiceSettingsData>) },
      version: r.version,
    };
  }

  /** Optimistic save: false when the version is stale. */
  async save(data: ServiceSettingsData, version: number, now: string): Promise<boolean> {
    if (version === 0) {
      const res = await this.db
        .insertInto('service_settings')
        .values({
          workspace_id: this.workspaceId,
          settings: JSON.stringify(data),
          updated_at: now,
          version: 1,
        })
        .onConflict((oc) => oc.column('workspace_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const res = await this.db
      .updateTable('service_settings')
      .set({ settings: JSON.stringify(data), updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

/** The workspace's service settings (defaults when none are stored). */
export async function loadServiceSettings(db: Executor, workspaceId: string): Promise<ServiceSettingsData> {
  return (await new ServiceSettingsRepository(db, workspaceId).load()).data;
}

/** A customer's tier (undefined for an unknown id). */
export async function customerTierOf(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<CustomerTier | undefined> {
  const r = await db
    .selectFrom('customers')
    .select('tier')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return r?.tier as CustomerTier | undefined;
}
