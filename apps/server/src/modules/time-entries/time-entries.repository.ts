import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';

export interface TimeEntryRecord {
  id: string;
  caseId: string;
  caseNumber: string;
  customerId: string;
  customerName: string;
  userId: string;
  userName: string;
  minutes: number;
  billable: boolean;
  note: string;
  workedOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimeEntryFilter {
  caseId?: string;
  userId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}

export type TimeEntryValues = Pick<TimeEntryRecord, 'minutes' | 'billable' | 'note' | 'workedOn'>;

/** Time worked on cases, one row per entry, with the case, customer and agent names for lists. */
export class TimeEntriesRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private base() {
    const ws = this.workspaceId;
    return this.db
      .selectFrom('time_entries as t')
      .innerJoin('cases as c', (j) =>
        j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.case_id'),
      )
      .innerJoin('customers as cu', (j) =>
        j.onRef('cu.workspace_id', '=', 'c.workspace_id').onRef('cu.id', '=', 'c.customer_id'),
      )
      .innerJoin('users as u', (j) =>
        j.onRef('u.workspace_id', '=', 't.workspace_id').onRef('u.id', '=', 't.user_id'),
      )
      .select([
        't.id',
        't.case_id',
        'c.number as case_number',
        'c.customer_id',
        'cu.name as customer_name',
        't.user_id',
        'u.name as user_name',
        't.minutes',
        't.billable',
        't.note',
        't.worked_on',
        't.created_at',
        't.updated_at',
        't.version',
      ])
      .where('t.workspace_id', '=', ws)
      .where('c.workspace_id', '=', ws)
      .where('cu.workspace_id', '=', ws)
      .where('u.workspace_id', '=', ws);
  }

  async list(f: TimeEntryFilter): Promise<TimeEntryRecord[]> {
    let q = this.base();
    if (f.caseId) q = q.where('t.case_id', '=', f.caseId);
    if (f.userId) q = q.where('t.user_id', '=', f.userId);
    if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
    if (f.from) q = q.where('t.worked_on', '>=', f.from);
    if (f.to) q = q.where('t.worked_on', '<=', f.to);
    const rows = await q
      .orderBy('t.worked_on', 'desc')
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id')
      .limit(5000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      customerId: r.customer_id,
      customerName: r.customer_name,
      userId: r.user_id,
      userName: r.user_name,
      minutes: Number(r.minutes),
      billable: toBool(r.billable),
      note: r.note,
      workedOn: r.worked_on,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    }));
  }

  async find(caseId: string, id: string): Promise<TimeEntryRecord | undefined> {
    return (await this.list({ caseId })).find((e) => e.id === id);
  }

  async insert(
    e: TimeEntryValues & { id: string; caseId: string; userId: string },
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('time_entries')
      .values({
        workspace_id: this.workspaceId,
        id: e.id,
        case_id: e.caseId,
        user_id: e.userId,
        minutes: e.minutes,
        billable: fromBool(e.billable),
        note: e.note,
        worked_on: e.workedOn,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async update(id: string, version: number, e: TimeEntryValues, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('time_entries')
      .set({
        minutes: e.minutes,
        billable: fromBool(e.billable),
        note: e.note,
        worked_on: e.workedOn,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('time_entries')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async caseExists(caseId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId)
      .executeTakeFirst();
    return Boolean(r);
  }
}
