import type {
  Edition,
  EditionInput,
  EditionUpdate,
  FieldError,
  PageOf,
  Product,
  ProductCreate,
  ProductQuery,
  ProductUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import {
  ProductsRepository,
  type EditionRecord,
  type ProductFields,
  type ProductRecord,
} from './products.repository.js';
import { presentEdition, presentProduct } from './products.presenter.js';

const SORTS = {
  name: 'name',
  sku: 'sku',
  category: 'category',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

const DEFAULT_WARRANTY_MONTHS = 12;
const DEFAULT_RETURN_WINDOW_DAYS = 7;

/** How editions appear in the product's history: what a person recognises them by. */
const editionSummary = (editions: EditionRecord[]) => editions.map((e) => ({ code: e.code, name: e.name }));

export class ProductsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db = this.ctx.database.db) {
    return new ProductsRepository(db, this.ctx.workspace.id);
  }

  private present = (p: ProductRecord): Product => presentProduct(p, this.ctx.principal);

  async list(query: ProductQuery): Promise<PageOf<Product>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      q: query.q?.trim() || undefined,
      category: query.category?.trim() || undefined,
      sort: parseSort(query.sort, SORTS, { column: 'name', desc: false }),
      page,
      pageSize,
    });
    return { items: items.map(this.present), total, page, pageSize };
  }

  async get(id: string): Promise<Product> {
    const p = await this.repo().find(id);
    if (!p) throw new AppError('not_found');
    return this.present(p);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  async create(input: ProductCreate): Promise<Product> {
    const fields: ProductFields = {
      sku: input.sku.trim(),
      name: input.name.trim(),
      category: blankToNull(input.category),
      description: blankToNull(input.description),
      warrantyMonths: input.warrantyMonths ?? DEFAULT_WARRANTY_MONTHS,
      returnWindowDays: input.returnWindowDays ?? DEFAULT_RETURN_WINDOW_DAYS,
      active: true,
    };
    const editions = (input.editions ?? []).map((e) => ({ code: e.code.trim(), name: e.name.trim() }));
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      if (await repo.findIdBySku(fields.sku)) errs.push(fieldError('sku', 'duplicate'));
      const seen = new Set<string>();
      editions.forEach((e, i) => {
        if (seen.has(e.code)) errs.push(fieldError(`editions/${i}/code`, 'duplicate'));
        seen.add(e.code);
      });
      if (errs.length) throw invalidFields(errs);
      const id = newId();
      const now = this.ctx.clock.now().toISOString();
      try {
        await repo.insert(id, fields, now);
        for (const e of editions) await repo.insertEdition(newId(), id, e, now);
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('sku', 'duplicate')]);
        throw err;
      }
      const created = this.present((await repo.find(id)) as ProductRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'product',
        entityId: id,
        action: 'created',
        after: { ...created, editions: editionSummary(created.editions) },
      });
      await emit(tx, this.ctx, 'product.created', { productId: id });
      return created;
    });
  }

  async update(id: string, input: ProductUpdate): Promise<Product> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const fields: ProductFields = {
        sku: input.sku?.trim() ?? before.sku,
        name: input.name?.trim() ?? before.name,
        category: input.category === undefined ? before.category : blankToNull(input.category),
        description: input.description === undefined ? before.description : blankToNull(input.description),
        warrantyMonths: input.warrantyMonths ?? before.warrantyMonths,
        returnWindowDays: input.returnWindowDays ?? before.returnWindowDays,
        active: input.active ?? before.active,
      };
      const sameSku = await repo.findIdBySku(fields.sku);
      if (sameSku && sameSku !== id) throw invalidFields([fieldError('sku', 'duplicate')]);
      let ok: boolean;
      try {
        ok = await repo.update(id, before.version, fields, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('sku', 'duplicate')]);
        throw err;
      }
      if (!ok) throw new AppError('conflict');
      const after = this.present((await repo.find(id)) as ProductRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'product',
        entityId: id,
        action: 'updated',
        before: { ...this.present(before), editions: editionSummary(before.editions) },
        after: { ...after, editions: editionSummary(after.editions) },
      });
      await emit(tx, this.ctx, 'product.updated', { productId: id });
      return after;
    });
  }

  /** Refused while an order line or an asset refers to the product; deactivate it instead. */
  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (await repo.isReferenced({ productId: id })) throw invalidFields([fieldError('id', 'in_use')]);
      try {
        await repo.delete(id);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw invalidFields([fieldError('id', 'in_use')]);
        throw err;
      }
      await recordAudit(tx, this.ctx, {
        entityType: 'product',
        entityId: id,
        action: 'deleted',
        before: { ...this.present(before), editions: editionSummary(before.editions) },
      });
      await emit(tx, this.ctx, 'product.deleted', { productId: id });
    });
  }

  async addEdition(productId: string, input: EditionInput): Promise<Edition> {
    const edition = { code: input.code.trim(), name: input.name.trim() };
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const product = await repo.find(productId);
      if (!product) throw new AppError('not_found');
      if (product.editions.some((e) => e.code === edition.code))
        throw invalidFields([fieldError('code', 'duplicate')]);
      const id = newId();
      try {
        await repo.insertEdition(id, productId, edition, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('code', 'duplicate')]);
        throw err;
      }
      const created = (await repo.findEdition(productId, id)) as EditionRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'product',
        entityId: productId,
        action: 'edition_added',
        changes: {
          editions: {
            from: editionSummary(product.editions),
            to: editionSummary([...product.editions, created]),
          },
        },
      });
      await emit(tx, this.ctx, 'product.updated', { productId });
      return presentEdition(created, this.ctx.principal);
    });
  }

  async updateEdition(productId: string, editionId: string, input: EditionUpdate): Promise<Edition> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const product = await repo.find(productId);
      const before = product?.editions.find((e) => e.id === editionId);
      if (!product || !before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const next = { code: input.code?.trim() ?? before.code, name: input.name?.trim() ?? before.name };
      if (product.editions.some((e) => e.code === next.code && e.id !== editionId))
        throw invalidFields([fieldError('code', 'duplicate')]);
      let ok: boolean;
      try {
        ok = await repo.updateEdition(editionId, before.version, next, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('code', 'duplicate')]);
        throw err;
      }
      if (!ok) throw new AppError('conflict');
      const after = (await repo.findEdition(productId, editionId)) as EditionRecord;
      if (before.code !== after.code || before.name !== after.name)
        await recordAudit(tx, this.ctx, {
          entityType: 'product',
          entityId: productId,
          action: 'edition_updated',
          changes: {
            editions: {
              from: editionSummary(product.editions),
              to: editionSummary(product.editions.map((e) => (e.id === editionId ? after : e))),
            },
          },
        });
      await emit(tx, this.ctx, 'product.updated', { productId });
      return presentEdition(after, this.ctx.principal);
    });
  }

  /** Refused while an order line or an asset refers to the edition. */
  async deleteEdition(productId: string, editionId: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const product = await repo.find(productId);
      const edition = product?.editions.find((e) => e.id === editionId);
      if (!product || !edition) throw new AppError('not_found');
      if (await repo.isReferenced({ editionId })) throw invalidFields([fieldError('id', 'in_use')]);
      try {
        await repo.deleteEdition(editionId);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw invalidFields([fieldError('id', 'in_use')]);
        throw err;
      }
      await recordAudit(tx, this.ctx, {
        entityType: 'product',
        entityId: productId,
        action: 'edition_deleted',
        changes: {
          editions: {
            from: editionSummary(product.editions),
            to: editionSummary(product.editions.filter((e) => e.id !== editionId)),
          },
        },
      });
      await emit(tx, this.ctx, 'product.updated', { productId });
    });
  }
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}
