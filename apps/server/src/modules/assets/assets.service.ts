import type { Asset, AssetCreate, AssetQuery, AssetUpdate, FieldError, PageOf } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit, recordAudits } from '../../platform/audit/audit.js';
import { emit, emitMany } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import { ProductsRepository } from '../products/index.js';
import { AssetsRepository, serialKey, type AssetRecord, type NewAssetRow } from './assets.repository.js';
import { presentAsset } from './assets.presenter.js';
import { addMonths, todayIn } from './dates.js';

const SORTS = {
  serialNumber: 'serial_number',
  purchaseDate: 'purchase_date',
  warrantyEnd: 'warranty_end',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

/** An asset that an order line brings into the installed base. */
export interface NewInstalledAsset {
  customerId: string;
  productId: string;
  editionId: string | null;
  orderId: string;
  serialNumber: string;
  purchaseDate: string;
  warrantyEnd: string;
}

/** Today in the workspace's time zone, by the server's clock: what "in warranty" is measured against. */
export function workspaceToday(ctx: ServiceContext): string {
  return todayIn(ctx.clock.now(), ctx.workspace.timezone);
}

/**
 * Registers assets in the caller's transaction (orders call this for every serial number on their lines).
 * The caller has checked the serial numbers; a concurrent duplicate still fails on the unique index.
 */
export async function registerAssetsInTx(
  tx: Executor,
  ctx: ServiceContext,
  assets: NewInstalledAsset[],
): Promise<string[]> {
  if (assets.length === 0) return [];
  const rows: NewAssetRow[] = assets.map((a) => ({ ...a, id: newId(), status: 'active', notes: null }));
  await new AssetsRepository(tx, ctx.workspace.id).insertMany(rows, ctx.clock.now().toISOString());
  await recordAudits(
    tx,
    ctx,
    rows.map(({ id, ...after }) => ({ entityType: 'asset', entityId: id, action: 'created', after })),
  );
  await emitMany(
    tx,
    ctx,
    rows.map((row) => ({
      type: 'asset.created',
      payload: { assetId: row.id, customerId: row.customerId, orderId: row.orderId },
    })),
  );
  return rows.map((r) => r.id);
}

/** The (product, serial) pairs among these that are already in the installed base, as `serialKey`s. */
export function existingSerials(
  tx: Executor,
  workspaceId: string,
  pairs: ReadonlyArray<{ productId: string; serialNumber: string }>,
): Promise<Set<string>> {
  return new AssetsRepository(tx, workspaceId).existingSerials(pairs);
}

export class AssetsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new AssetsRepository(db, this.ctx.workspace.id);
  }

  private present = (a: AssetRecord, today = workspaceToday(this.ctx)): Asset =>
    presentAsset(a, this.ctx.principal, today);

  async list(query: AssetQuery): Promise<PageOf<Asset>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const today = workspaceToday(this.ctx);
    const { items, total } = await this.repo().list({
      q: query.q?.trim() || undefined,
      customerId: query.customerId,
      productId: query.productId,
      warranty: query.warranty ? { in: query.warranty === 'in', today } : undefined,
      sort: parseSort(query.sort, SORTS, { column: 'created_at', desc: true }),
      page,
      pageSize,
    });
    return { items: items.map((a) => this.present(a, today)), total, page, pageSize };
  }

  async get(id: string): Promise<Asset> {
    const a = await this.repo().find(id);
    if (!a) throw new AppError('not_found');
    return this.present(a);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  /**
   * Registers an asset by hand (bought elsewhere, or before orders were kept here). Without a warranty end,
   * it is the purchase date plus the product's warranty months.
   */
  async create(input: AssetCreate): Promise<Asset> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const products = new ProductsRepository(tx, this.ctx.workspace.id);
      const errs: FieldError[] = [];
      const serialNumber = input.serialNumber.trim();
      if (!serialNumber) errs.push(fieldError('serialNumber', 'required'));
      if (!(await repo.customerExists(input.customerId)))
        errs.push(fieldError('customerId', 'unknown_reference'));
      const product = await products.find(input.productId);
      if (!product) errs.push(fieldError('productId', 'unknown_reference'));
      const editionId = input.editionId ?? null;
      if (editionId) {
        const [edition] = await products.findEditions([editionId]);
        if (!edition) errs.push(fieldError('editionId', 'unknown_reference'));
        else if (product && edition.productId !== product.id)
          errs.push(fieldError('editionId', 'edition_mismatch'));
      }
      const orderId = input.orderId ?? null;
      if (orderId) {
        const orderCustomer = await repo.orderCustomer(orderId);
        if (!orderCustomer) errs.push(fieldError('orderId', 'unknown_reference'));
        else if (orderCustomer !== input.customerId)
          errs.push(fieldError('orderId', 'order_customer_mismatch'));
      }
      const purchaseDate = input.purchaseDate ?? null;
      const warrantyEnd =
        input.warrantyEnd !== undefined
          ? input.warrantyEnd
          : purchaseDate && product
            ? addMonths(purchaseDate, product.warrantyMonths)
            : null;
      if (purchaseDate && warrantyEnd && warrantyEnd < purchaseDate)
        errs.push(fieldError('warrantyEnd', 'before_purchase'));
      if (product && serialNumber) {
        const taken = await repo.existingSerials([{ productId: product.id, serialNumber }]);
        if (taken.has(serialKey(product.id, serialNumber)))
          errs.push(fieldError('serialNumber', 'duplicate'));
      }
      if (errs.length) throw invalidFields(errs);
      const id = newId();
      try {
        await repo.insertMany(
          [
            {
              id,
              customerId: input.customerId,
              productId: input.productId,
              editionId,
              orderId,
              serialNumber,
              purchaseDate,
              warrantyEnd,
              status: 'active',
              notes: blankToNull(input.notes),
            },
          ],
          this.ctx.clock.now().toISOString(),
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('serialNumber', 'duplicate')]);
        throw err;
      }
      const created = this.present((await repo.find(id)) as AssetRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'asset',
        entityId: id,
        action: 'created',
        after: created,
      });
      await emit(tx, this.ctx, 'asset.created', { assetId: id, customerId: input.customerId, orderId });
      return created;
    });
  }

  async update(id: string, input: AssetUpdate): Promise<Asset> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const next = {
        purchaseDate: input.purchaseDate === undefined ? before.purchaseDate : input.purchaseDate,
        warrantyEnd: input.warrantyEnd === undefined ? before.warrantyEnd : input.warrantyEnd,
        status: input.status ?? before.status,
        notes: input.notes === undefined ? before.notes : blankToNull(input.notes),
      };
      if (next.purchaseDate && next.warrantyEnd && next.warrantyEnd < next.purchaseDate)
        throw invalidFields([fieldError('warrantyEnd', 'before_purchase')]);
      const ok = await repo.update(id, before.version, next, this.ctx.clock.now().toISOString());
      if (!ok) throw new AppError('conflict');
      const today = workspaceToday(this.ctx);
      const after = this.present((await repo.find(id)) as AssetRecord, today);
      await recordAudit(tx, this.ctx, {
        entityType: 'asset',
        entityId: id,
        action: 'updated',
        before: { ...this.present(before, today), inWarranty: undefined },
        after: { ...after, inWarranty: undefined },
      });
      await emit(tx, this.ctx, 'asset.updated', { assetId: id, customerId: before.customerId });
      return after;
    });
  }
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}
