import type { Executor } from '../../platform/db/database.js';

/** A service contract as stored, with the names it is shown with. Its state is derived later from the dates. */
export interface ServiceContractRecord {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  name: string;
  editionId: string | null;
  editionName: string | null;
  productName: string | null;
  calendarId: string | null;
  calendarName: string | null;
  startsOn: string;
  endsOn: string;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ServiceContractFields {
  name: string;
  editionId: string | null;
  calendarId: string | null;
  startsOn: string;
  endsOn: string;
  notes: string | null;
}

export interface ServiceContractListQuery {
  customerId?: string | undefined;
  /** The dates a state is judged at: today in the workspace's zone. */
  state?: { kind: 'upcoming' | 'active' | 'expired'; today: string } | undefined;
  page: number;
  pageSize: number;
}

/** An asset as case coverage needs it: whose it is and which edition it runs. */
export interface CoverageAsset {
  id: string;
  customerId: string;
  editionId: string | null;
}

export class ServiceContractsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('service_contracts as sc')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'sc.workspace_id')
          .onRef('customers.id', '=', 'sc.customer_id'),
      )
      .leftJoin('editions', (j) =>
        j.onRef('editions.workspace_id', '=', 'sc.workspace_id').onRef('editions.id', '=', 'sc.edition_id'),
      )
      .leftJoin('products', (j) =>
        j
          .onRef('products.workspace_id', '=', 'editions.workspace_id')
          .onRef('products.id', '=', 'editions.product_id'),
      )
      .leftJoin('service_calendars as cal', (j) =>
        j.onRef('cal.workspace_id', '=', 'sc.workspace_id').onRef('cal.id', '=', 'sc.calendar_id'),
      )
      .select([
        'sc.id',
        'sc.number',
        'sc.customer_id',
        'customers.name as customer_name',
        'sc.name',
        'sc.edition_id',
        'editions.name as edition_name',
        'products.name as product_name',
        'sc.calendar_id',
        'cal.name as calendar_name',
        'sc.starts_on',
        'sc.ends_on',
        'sc.notes',
        'sc.created_at',
        'sc.updated_at',
        'sc.version',
      ])
      .where('sc.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<ServiceContractRecord | undefined> {
    const r = await this.select().where('sc.id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(q: ServiceContractListQuery): Promise<{ items: ServiceContractRecord[]; total: number }> {
    let base = this.select();
    if (q.customerId) base = base.where('sc.customer_id', '=', q.customerId);
    if (q.state) {
      const { kind, today } = q.state;
      if (kind === 'upcoming') base = base.where('sc.starts_on', '>', today);
      else if (kind === 'expired') base = base.where('sc.ends_on', '<', today);
      else base = base.where('sc.starts_on', '<=', today).where('sc.ends_on', '>=', today);
    }
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy('sc.ends_on', 'desc')
      .orderBy('sc.number', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: rows.map(toRecord), total: Number(total.n) };
  }

  /** The customer's contracts in force on `today` (inclusive dates). */
  async activeOf(customerId: string, today: string): Promise<ServiceContractRecord[]> {
    const rows = await this.select()
      .where('sc.customer_id', '=', customerId)
      .where('sc.starts_on', '<=', today)
      .where('sc.ends_on', '>=', today)
      .orderBy('sc.number')
      .execute();
    return rows.map(toRecord);
  }

  async insert(row: ServiceContractFields & { id: string; number: string; customerId: string }, now: string) {
    await this.db
      .insertInto('service_contracts')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        number: row.number,
        customer_id: row.customerId,
        name: row.name,
        edition_id: row.editionId,
        calendar_id: row.calendarId,
        starts_on: row.startsOn,
        ends_on: row.endsOn,
        notes: row.notes,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, f: ServiceContractFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('service_contracts')
      .set({
        name: f.name,
        edition_id: f.editionId,
        calendar_id: f.calendarId,
        starts_on: f.startsOn,
        ends_on: f.endsOn,
        notes: f.notes,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async customerExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async editionExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('editions')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async calendarExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('service_calendars')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async asset(id: string): Promise<CoverageAsset | undefined> {
    const r = await this.db
      .selectFrom('assets')
      .select(['id', 'customer_id', 'edition_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, customerId: r.customer_id, editionId: r.edition_id };
  }
}

type Row = Awaited<ReturnType<ReturnType<ServiceContractsRepository['select']>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): ServiceContractRecord {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    name: r.name,
    editionId: r.edition_id,
    editionName: r.edition_name,
    productName: r.product_name,
    calendarId: r.calendar_id,
    calendarName: r.calendar_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
