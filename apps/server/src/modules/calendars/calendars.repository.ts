import type { Executor } from '../../platform/db/database.js';
import { toBool } from '../../platform/db/database.js';
import type { ServiceCalendarSpec } from '../../platform/calendar/index.js';

export interface CalendarRecord {
  id: string;
  name: string;
  spec: ServiceCalendarSpec;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class CalendarsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private base() {
    return this.db.selectFrom('service_calendars').selectAll().where('workspace_id', '=', this.workspaceId);
  }

  async list(): Promise<CalendarRecord[]> {
    const rows = await this.base().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async find(id: string): Promise<CalendarRecord | undefined> {
    const r = await this.base().where('id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async findDefault(): Promise<CalendarRecord | undefined> {
    const r = await this.base().where('is_default', '=', 1).executeTakeFirst();
    return r && toRecord(r);
  }

  async insert(c: Omit<CalendarRecord, 'createdAt' | 'updatedAt' | 'version'>, now: string): Promise<void> {
    await this.db
      .insertInto('service_calendars')
      .values({
        workspace_id: this.workspaceId,
        id: c.id,
        name: c.name,
        spec: JSON.stringify(c.spec),
        is_default: c.isDefault ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async update(
    id: string,
    version: number,
    c: { name: string; spec: ServiceCalendarSpec; isDefault: boolean },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('service_calendars')
      .set({
        name: c.name,
        spec: JSON.stringify(c.spec),
        is_default: c.isDefault ? 1 : 0,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Takes the default flag from every calendar but `keep`. */
  async clearDefault(keep: string, now: string): Promise<void> {
    await this.db
      .updateTable('service_calendars')
      .set({ is_default: 0, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '!=', keep)
      .where('is_default', '=', 1)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('service_calendars')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** Whether a policy or a case's SLA still uses the calendar. */
  async inUse(id: string): Promise<boolean> {
    const p = await this.db
      .selectFrom('sla_policies')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('calendar_id', '=', id)
      .executeTakeFirst();
    if (p) return true;
    const c = await this.db
      .selectFrom('case_sla')
      .select('case_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('calendar_id', '=', id)
      .executeTakeFirst();
    if (c) return true;
    // The service calendar of a customer's contract (service contracts).
    const sc = await this.db
      .selectFrom('service_contracts')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('calendar_id', '=', id)
      .executeTakeFirst();
    return Boolean(sc);
  }
}

type Row = {
  id: string;
  name: string;
  spec: string;
  is_default: boolean | number;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): CalendarRecord {
  return {
    id: r.id,
    name: r.name,
    spec: JSON.parse(r.spec) as ServiceCalendarSpec,
    isDefault: toBool(r.is_default),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
