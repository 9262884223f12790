import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

export interface EditionRecord {
  id: string;
  productId: string;
  code: string;
  name: string;
  version: number;
}

export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  description: string | null;
  warrantyMonths: number;
  returnWindowDays: number;
  active: boolean;
  editions: EditionRecord[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ProductFields = Omit<ProductRecord, 'id' | 'editions' | 'createdAt' | 'updatedAt' | 'version'>;

export interface ProductListQuery {
  q?: string | undefined;
  category?: string | undefined;
  sort: { column: 'name' | 'sku' | 'category' | 'created_at' | 'updated_at'; desc: boolean };
  page: number;
  pageSize: number;
}

export class ProductsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async find(id: string): Promise<ProductRecord | undefined> {
    const [p] = await this.findMany([id]);
    return p;
  }

  /** Products by id, with their editions; ids not found are simply missing from the result. */
  async findMany(ids: readonly string[]): Promise<ProductRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return this.withEditions(rows);
  }

  /** Products by SKU, with their editions (order import). */
  async findBySkus(skus: readonly string[]): Promise<ProductRecord[]> {
    if (skus.length === 0) return [];
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('sku', 'in', [...new Set(skus)])
      .execute();
    return this.withEditions(rows);
  }

  async findIdBySku(sku: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('products')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('sku', '=', sku)
      .executeTakeFirst();
    return r?.id;
  }

  async list(query: ProductListQuery): Promise<{ items: ProductRecord[]; total: number }> {
    let base = this.db.selectFrom('products').where('products.workspace_id', '=', this.workspaceId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        eb.or([
          containsText(eb, 'products.sku', q),
          containsText(eb, 'products.name', q),
          containsText(eb, 'products.category', q),
        ]),
      );
    }
    if (query.category) base = base.where('products.category', '=', query.category);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('products')
      .orderBy(`products.${query.sort.column}`, query.sort.desc ? 'desc' : 'asc')
      .orderBy('products.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: await this.withEditions(rows), total: Number(total.n) };
  }

  async insert(id: string, f: ProductFields, now: string): Promise<void> {
    await this.db
      .insertInto('products')
      .values({
        workspace_id: this.workspaceId,
        id,
        sku: f.sku,
        name: f.name,
        category: f.category,
        description: f.description,
        warranty_months: f.warrantyMonths,
        return_window_days: f.returnWindowDays,
        active: fromBool(f.active),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, f: ProductFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('products')
      .set({
        sku: f.sku,
        name: f.name,
        category: f.category,
        description: f.description,
        warranty_months: f.warrantyMonths,
        return_window_days: f.returnWindowDays,
        active: fromBool(f.active),
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
      .deleteFrom('products')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** True when an order line or an installed-base asset points at the product (or at one edition of it). */
  async isReferenced(ref: { productId: string } | { editionId: string }): Promise<boolean> {
    const column = 'productId' in ref ? 'product_id' : 'edition_id';
    const value = 'productId' in ref ? ref.productId : ref.editionId;
    const line = await this.db
      .selectFrom('order_lines')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where(column, '=', value)
      .limit(1)
      .executeTakeFirst();
    if (line) return true;
    const asset = await this.db
      .selectFrom('assets')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where(column, '=', value)
      .limit(1)
      .executeTakeFirst();
    return Boolean(asset);
  }

  async findEdition(productId: string, editionId: string): Promise<EditionRecord | undefined> {
    const r = await this.db
      .selectFrom('editions')
      .select(['id', 'product_id', 'code', 'name', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .where('product_id', '=', productId)
      .where('id', '=', editionId)
      .executeTakeFirst();
    return r && toEdition(r);
  }

  /** Editions by id, whatever product they belong to (to tell "unknown" from "belongs elsewhere"). */
  async findEditions(ids: readonly string[]): Promise<EditionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('editions')
      .select(['id', 'product_id', 'code', 'name', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map(toEdition);
  }

  async insertEdition(id: string, productId: string, e: { code: string; name: string }, now: string) {
    await this.db
      .insertInto('editions')
      .values({
        workspace_id: this.workspaceId,
        id,
        product_id: productId,
        code: e.code,
        name: e.name,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async updateEdition(
    id: string,
    version: number,
    e: { code: string; name: string },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('editions')
      .set({ code: e.code, name: e.name, updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteEdition(id: string): Promise<void> {
    await this.db
      .deleteFrom('editions')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  private async withEditions(rows: ProductRow[]): Promise<ProductRecord[]> {
    if (rows.length === 0) return [];
    const editions = await this.db
      .selectFrom('editions')
      .select(['id', 'product_id', 'code', 'name', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .where(
        'product_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('code')
      .orderBy('id')
      .execute();
    const byProduct = new Map<string, EditionRecord[]>();
    for (const e of editions) {
      const list = byProduct.get(e.product_id) ?? [];
      list.push(toEdition(e));
      byProduct.set(e.product_id, list);
    }
    return rows.map((r) => toProduct(r, byProduct.get(r.id) ?? []));
  }
}

type ProductRow = {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  description: string | null;
  warranty_months: number;
  return_window_days: number;
  active: boolean | number;
  created_at: string;
  updated_at: string;
  version: number;
};

function toProduct(r: ProductRow, editions: EditionRecord[]): ProductRecord {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    category: r.category,
    description: r.description,
    warrantyMonths: Number(r.warranty_months),
    returnWindowDays: Number(r.return_window_days),
    active: toBool(r.active),
    editions,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function toEdition(r: { id: string; product_id: string; code: string; name: string; version: number }) {
  return { id: r.id, productId: r.product_id, code: r.code, name: r.name, version: r.version };
}
