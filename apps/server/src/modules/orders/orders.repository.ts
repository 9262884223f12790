import type { OrderStatus } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

export interface OrderLineRecord {
  id: string;
  productId: string;
  productName: string;
  sku: string;
  editionId: string | null;
  editionName: string | null;
  quantity: number;
  unitPriceCents: number;
  serialNumbers: string[];
}

export interface OrderRecord {
  id: string;
  number: string;
  externalRef: string | null;
  customerId: string;
  customerName: string;
  orderedAt: string;
  status: OrderStatus;
  currency: string;
  totalCents: number;
  lineCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewOrderRow {
  id: string;
  number: string;
  externalRef: string | null;
  customerId: string;
  orderedAt: string;
  status: OrderStatus;
  currency: string;
  totalCents: number;
  lines: Array<{
    id: string;
    productId: string;
    editionId: string | null;
    quantity: number;
    unitPriceCents: number;
    serialNumbers: string[];
  }>;
}

export interface OrderListQuery {
  q?: string | undefined;
  customerId?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: {
    column: 'ordered_at' | 'number' | 'total_cents' | 'status' | 'created_at' | 'updated_at';
    desc: boolean;
  };
  page: number;
  pageSize: number;
}

const INSERT_CHUNK = 200;

export class OrdersRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('orders')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'orders.workspace_id')
          .onRef('customers.id', '=', 'orders.customer_id'),
      )
      .select([
        'orders.id',
        'orders.number',
        'orders.external_ref',
        'orders.customer_id',
        'customers.name as customer_name',
        'orders.ordered_at',
        'orders.status',
        'orders.currency',
        'orders.total_cents',
        'orders.line_count',
        'orders.created_at',
        'orders.updated_at',
        'orders.version',
      ])
      .where('orders.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<OrderRecord | undefined> {
    const row = await this.select().where('orders.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async lines(orderId: string): Promise<OrderLineRecord[]> {
    const rows = await this.db
      .selectFrom('order_lines')
      .innerJoin('products', (j) =>
        j
          .onRef('products.workspace_id', '=', 'order_lines.workspace_id')
          .onRef('products.id', '=', 'order_lines.product_id'),
      )
      .leftJoin('editions', (j) =>
        j
          .onRef('editions.workspace_id', '=', 'order_lines.workspace_id')
          .onRef('editions.id', '=', 'order_lines.edition_id'),
      )
      .select([
        'order_lines.id',
        'order_lines.product_id',
        'products.name as product_name',
        'products.sku',
        'order_lines.edition_id',
        'editions.name as edition_name',
        'order_lines.quantity',
        'order_lines.unit_price_cents',
        'order_lines.serial_numbers',
      ])
      .where('order_lines.workspace_id', '=', this.workspaceId)
      .where('order_lines.order_id', '=', orderId)
      .orderBy('order_lines.position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      productName: r.product_name,
      sku: r.sku,
      editionId: r.edition_id,
      editionName: r.edition_name,
      quantity: Number(r.quantity),
      unitPriceCents: Number(r.unit_price_cents),
      serialNumbers: JSON.parse(r.serial_numbers) as string[],
    }));
  }

  async list(query: OrderListQuery): Promise<{ items: OrderRecord[]; total: number }> {
    let base = this.select();
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        eb.or([
          containsText(eb, 'orders.number', q),
          containsText(eb, 'orders.external_ref', q),
          containsText(eb, 'customers.name', q),
        ]),
      );
    }
    if (query.customerId) base = base.where('orders.customer_id', '=', query.customerId);
    if (query.status) base = base.where('orders.status', '=', query.status);
    if (query.from) base = base.where('orders.ordered_at', '>=', query.from);
    if (query.to) base = base.where('orders.ordered_at', '<=', query.to);
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy(`orders.${query.sort.column}`, query.sort.desc ? 'desc' : 'asc')
      .orderBy('orders.number', query.sort.desc ? 'desc' : 'asc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toRecord), total: Number(total.n) };
  }

  async insert(o: NewOrderRow, now: string): Promise<void> {
    await this.db
      .insertInto('orders')
      .values({
        workspace_id: this.workspaceId,
        id: o.id,
        number: o.number,
        external_ref: o.externalRef,
        customer_id: o.customerId,
        ordered_at: o.orderedAt,
        status: o.status,
        currency: o.currency,
        total_cents: o.totalCents,
        line_count: o.lines.length,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    for (let i = 0; i < o.lines.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('order_lines')
        .values(
          o.lines.slice(i, i + INSERT_CHUNK).map((l, j) => ({
            workspace_id: this.workspaceId,
            id: l.id,
            order_id: o.id,
            position: i + j + 1,
            product_id: l.productId,
            edition_id: l.editionId,
            quantity: l.quantity,
            unit_price_cents: l.unitPriceCents,
            serial_numbers: JSON.stringify(l.serialNumbers),
          })),
        )
        .execute();
    }
  }

  /** Optimistic update: false when someone else saved first. */
  async update(
    id: string,
    version: number,
    f: { status: OrderStatus; externalRef: string | null },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('orders')
      .set({ status: f.status, external_ref: f.externalRef, updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The external references among these that an order of the workspace already carries. */
  async takenExternalRefs(refs: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('orders')
        .select(['external_ref', 'id'])
        .where('workspace_id', '=', this.workspaceId)
        .where('external_ref', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows) if (r.external_ref) found.add(r.external_ref);
    }
    return found;
  }

  async findIdByExternalRef(ref: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('orders')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('external_ref', '=', ref)
      .executeTakeFirst();
    return r?.id;
  }

  async customerName(customerId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('customers')
      .select('name')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return r?.name;
  }

  /** Customers by their code (order import). */
  async customersByCode(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(codes)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('customers')
        .select(['id', 'code'])
        .where('workspace_id', '=', this.workspaceId)
        .where('code', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.code, r.id);
    }
    return out;
  }
}

type Row = {
  id: string;
  number: string;
  external_ref: string | null;
  customer_id: string;
  customer_name: string;
  ordered_at: string;
  status: string;
  currency: string;
  total_cents: number;
  line_count: number;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): OrderRecord {
  return {
    id: r.id,
    number: r.number,
    externalRef: r.external_ref,
    customerId: r.customer_id,
    customerName: r.customer_name,
    orderedAt: r.ordered_at,
    status: r.status as OrderStatus,
    currency: r.currency,
    totalCents: Number(r.total_cents),
    lineCount: Number(r.line_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
