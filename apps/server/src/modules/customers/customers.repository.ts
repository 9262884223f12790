import type { CustomerTier } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

export interface CustomerRecord {
  id: string;
  code: string;
  name: string;
  tier: CustomerTier;
  tags: string[];
  ownerId: string | null;
  ownerName: string | null;
  phone: string | null;
  website: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type CustomerFields = Omit<
  CustomerRecord,
  'id' | 'ownerName' | 'contactCount' | 'createdAt' | 'updatedAt' | 'version'
>;

export interface CustomerListQuery {
  q?: string | undefined;
  tier?: string | undefined;
  tag?: string | undefined;
  ownerId?: string | undefined;
  sort: { column: 'name' | 'code' | 'tier' | 'created_at' | 'updated_at'; desc: boolean };
  page: number;
  pageSize: number;
}

function searchText(f: CustomerFields): string {
  return [f.name, f.code, f.province, f.city, f.address, f.phone, ...f.tags]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

export class CustomersRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('customers')
      .leftJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'customers.workspace_id')
          .onRef('users.id', '=', 'customers.owner_id'),
      )
      .selectAll('customers')
      .select('users.name as owner_name')
      .select((eb) =>
        eb
          .selectFrom('contacts')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('contacts.workspace_id', '=', 'customers.workspace_id')
          .whereRef('contacts.customer_id', '=', 'customers.id')
          .as('contact_count'),
      )
      .where('customers.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<CustomerRecord | undefined> {
    const row = await this.select().where('customers.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByCode(code: string): Promise<{ id: string } | undefined> {
    return this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async list(query: CustomerListQuery): Promise<{ items: CustomerRecord[]; total: number }> {
    let base = this.db.selectFrom('customers').where('customers.workspace_id', '=', this.workspaceId);
    if (query.q) base = base.where((eb) => containsText(eb, 'customers.search_text', query.q as string));
    if (query.tier) base = base.where('customers.tier', '=', query.tier);
    if (query.ownerId) base = base.where('customers.owner_id', '=', query.ownerId);
    if (query.tag) base = base.where('customers.tags', 'like', `%${JSON.stringify(query.tag)}%`);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await base
      .select('customers.id')
      .orderBy(`customers.${query.sort.column}`, query.sort.desc ? 'desc' : 'asc')
      .orderBy('customers.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    if (ids.length === 0) return { items: [], total: Number(total.n) };
    const rows = await this.select()
      .where(
        'customers.id',
        'in',
        ids.map((r) => r.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
    return { items: ids.map((r) => byId.get(r.id) as CustomerRecord), total: Number(total.n) };
  }

  async insert(id: string, f: CustomerFields, now: string): Promise<void> {
    await this.db
      .insertInto('customers')
      .values({
        workspace_id: this.workspaceId,
        id,
        code: f.code,
        name: f.name,
        tier: f.tier,
        tags: JSON.stringify(f.tags),
        owner_id: f.ownerId,
        phone: f.phone,
        website: f.website,
        province: f.province,
        city: f.city,
        address: f.address,
        latitude: f.latitude,
        longitude: f.longitude,
        notes: f.notes,
        search_text: searchText(f),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, f: CustomerFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('customers')
      .set({
        code: f.code,
        name: f.name,
        tier: f.tier,
        tags: JSON.stringify(f.tags),
        owner_id: f.ownerId,
        phone: f.phone,
        website: f.website,
        province: f.province,
        city: f.city,
        address: f.address,
        latitude: f.latitude,
        longitude: f.longitude,
        notes: f.notes,
        search_text: searchText(f),
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('customers')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async userExists(userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return Boolean(r);
  }
}

type Row = {
  id: string;
  code: string;
  name: string;
  tier: string;
  tags: string;
  owner_id: string | null;
  owner_name: string | null;
  phone: string | null;
  website: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  contact_count: number | null;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): CustomerRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    tier: r.tier as CustomerTier,
    tags: JSON.parse(r.tags) as string[],
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    phone: r.phone,
    website: r.website,
    province: r.province,
    city: r.city,
    address: r.address,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    notes: r.notes,
    contactCount: Number(r.contact_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
