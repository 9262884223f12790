import type { AssetStatus } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

/** An installed-base record as stored, with the names it is shown with. `inWarranty` is computed later. */
export interface AssetRecord {
  id: string;
  customerId: string;
  customerName: string;
  productId: string;
  productName: string;
  sku: string;
  editionId: string | null;
  editionName: string | null;
  orderId: string | null;
  orderNumber: string | null;
  serialNumber: string;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  status: AssetStatus;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewAssetRow {
  id: string;
  customerId: string;
  productId: string;
  editionId: string | null;
  orderId: string | null;
  serialNumber: string;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  status: AssetStatus;
  notes: string | null;
}

export interface AssetListQuery {
  q?: string | undefined;
  customerId?: string | undefined;
  productId?: string | undefined;
  /** 'in': active and warranty end on or after `today`; 'out': everything else. */
  warranty?: { in: boolean; today: string } | undefined;
  sort: {
    column: 'serial_number' | 'purchase_date' | 'warranty_end' | 'created_at' | 'updated_at';
    desc: boolean;
  };
  page: number;
  pageSize: number;
}

const INSERT_CHUNK = 200;

export class AssetsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('assets')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'assets.workspace_id')
          .onRef('customers.id', '=', 'assets.customer_id'),
      )
      .innerJoin('products', (j) =>
        j
          .onRef('products.workspace_id', '=', 'assets.workspace_id')
          .onRef('products.id', '=', 'assets.product_id'),
      )
      .leftJoin('editions', (j) =>
        j
          .onRef('editions.workspace_id', '=', 'assets.workspace_id')
          .onRef('editions.id', '=', 'assets.edition_id'),
      )
      .leftJoin('orders', (j) =>
        j.onRef('orders.workspace_id', '=', 'assets.workspace_id').onRef('orders.id', '=', 'assets.order_id'),
      )
      .select([
        'assets.id',
        'assets.customer_id',
        'customers.name as customer_name',
        'assets.product_id',
        'products.name as product_name',
        'products.sku',
        'assets.edition_id',
        'editions.name as edition_name',
        'assets.order_id',
        'orders.number as order_number',
        'assets.serial_number',
        'assets.purchase_date',
        'assets.warranty_end',
        'assets.status',
        'assets.notes',
        'assets.created_at',
        'assets.updated_at',
        'assets.version',
      ])
      .where('assets.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<AssetRecord | undefined> {
    const row = await this.select().where('assets.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(query: AssetListQuery): Promise<{ items: AssetRecord[]; total: number }> {
    let base = this.select();
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        eb.or([
          containsText(eb, 'assets.serial_number', q),
          containsText(eb, 'products.name', q),
          containsText(eb, 'products.sku', q),
          containsText(eb, 'customers.name', q),
        ]),
      );
    }
    if (query.customerId) base = base.where('assets.customer_id', '=', query.customerId);
    if (query.productId) base = base.where('assets.product_id', '=', query.productId);
    if (query.warranty) {
      const { today } = query.warranty;
      base = query.warranty.in
        ? base.where('assets.status', '=', 'active').where('assets.warranty_end', '>=', today)
        : base.where((eb) =>
            eb.or([
              eb('assets.status', '!=', 'active'),
              eb('assets.warranty_end', 'is', null),
              eb('assets.warranty_end', '<', today),
            ]),
          );
    }
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy(`assets.${query.sort.column}`, query.sort.desc ? 'desc' : 'asc')
      .orderBy('assets.id', query.sort.desc ? 'desc' : 'asc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toRecord), total: Number(total.n) };
  }

  async insertMany(rows: NewAssetRow[], now: string): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('assets')
        .values(
          rows.slice(i, i + INSERT_CHUNK).map((a) => ({
            workspace_id: this.workspaceId,
            id: a.id,
            customer_id: a.customerId,
            product_id: a.productId,
            edition_id: a.editionId,
            order_id: a.orderId,
            serial_number: a.serialNumber,
            purchase_date: a.purchaseDate,
            warranty_end: a.warrantyEnd,
            status: a.status,
            notes: a.notes,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
    }
  }

  /** Optimistic update: false when someone else saved first. */
  async update(
    id: string,
    version: number,
    f: Pick<AssetRecord, 'purchaseDate' | 'warrantyEnd' | 'status' | 'notes'>,
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('assets')
      .set({
        purchase_date: f.purchaseDate,
        warranty_end: f.warrantyEnd,
        status: f.status,
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

  /** The (product, serial) pairs among the given ones that are already registered. */
  async existingSerials(
    pairs: ReadonlyArray<{ productId: string; serialNumber: string }>,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    const byProduct = new Map<string, string[]>();
    for (const p of pairs)
      byProduct.set(p.productId, [...(byProduct.get(p.productId) ?? []), p.serialNumber]);
    for (const [productId, serials] of byProduct) {
      for (let i = 0; i < serials.length; i += 500) {
        const rows = await this.db
          .selectFrom('assets')
          .select('serial_number')
          .where('workspace_id', '=', this.workspaceId)
          .where('product_id', '=', productId)
          .where('serial_number', 'in', serials.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(serialKey(productId, r.serial_number));
      }
    }
    return found;
  }

  async customerExists(customerId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return Boolean(r);
  }

  /** The customer an order belongs to, or undefined when there is no such order. */
  async orderCustomer(orderId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('orders')
      .select('customer_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', orderId)
      .executeTakeFirst();
    return r?.customer_id;
  }
}

export function serialKey(productId: string, serialNumber: string): string {
  return `${productId}\u0000${serialNumber}`;
}

type Row = {
  id: string;
  customer_id: string;
  customer_name: string;
  product_id: string;
  product_name: string;
  sku: string;
  edition_id: string | null;
  edition_name: string | null;
  order_id: string | null;
  order_number: string | null;
  serial_number: string;
  purchase_date: string | null;
  warranty_end: string | null;
  status: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): AssetRecord {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    productId: r.product_id,
    productName: r.product_name,
    sku: r.sku,
    editionId: r.edition_id,
    editionName: r.edition_name,
    orderId: r.order_id,
    orderNumber: r.order_number,
    serialNumber: r.serial_number,
    purchaseDate: r.purchase_date,
    warrantyEnd: r.warranty_end,
    status: r.status as AssetStatus,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
