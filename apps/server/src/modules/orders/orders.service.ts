import type {
  FieldError,
  Order,
  OrderCreate,
  OrderQuery,
  OrderStatus,
  OrderUpdate,
  PageOf,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/db/database.js';
import { formatNumber, nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import { ProductsRepository, type ProductRecord } from '../products/index.js';
import { addMonths, existingSerials, registerAssetsInTx, serialKey } from '../assets/index.js';
import { OrdersRepository, type OrderRecord } from './orders.repository.js';
import { presentOrder } from './orders.presenter.js';

const SORTS = {
  orderedAt: 'ordered_at',
  number: 'number',
  totalCents: 'total_cents',
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

/** An order ready to be checked and written: what POST /orders and the import both produce. */
export interface OrderDraft {
  customerId: string;
  externalRef: string | null;
  orderedAt: string;
  status: OrderStatus;
  currency: string;
  lines: Array<{
    productId: string;
    editionId: string | null;
    quantity: number;
    unitPriceCents: number;
    serialNumbers: string[];
  }>;
}

export function draftOf(input: OrderCreate): OrderDraft {
  return {
    customerId: input.customerId,
    externalRef: input.externalRef?.trim() || null,
    orderedAt: input.orderedAt,
    status: input.status ?? 'open',
    currency: input.currency ?? 'CNY',
    lines: input.lines.map((l) => ({
      productId: l.productId,
      editionId: l.editionId ?? null,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      serialNumbers: (l.serialNumbers ?? []).map((s) => s.trim()),
    })),
  };
}

/**
 * Checks and writes orders inside one transaction: number (O-00001…), lines, totals, and one installed-base
 * asset per serial number (purchased on the order date, warranty as long as the product's). The one way an
 * order is created, whether it comes from POST /orders or from an import file. Products are cached for the
 * life of the writer, which an import of thousands of lines relies on.
 */
export class OrderWriter {
  private readonly products: ProductsRepository;
  private readonly orders: OrdersRepository;
  private readonly productCache = new Map<string, ProductRecord | null>();

  constructor(
    private readonly tx: Executor,
    private readonly ctx: ServiceContext,
  ) {
    this.products = new ProductsRepository(tx, ctx.workspace.id);
    this.orders = new OrdersRepository(tx, ctx.workspace.id);
  }

  /** Every problem with the draft, as field errors named like the request body (lines/0/productId). */
  async check(draft: OrderDraft): Promise<FieldError[]> {
    const errs: FieldError[] = [];
    if (!(await this.orders.customerName(draft.customerId)))
      errs.push(fieldError('customerId', 'unknown_reference'));
    if (draft.externalRef && (await this.orders.findIdByExternalRef(draft.externalRef)))
      errs.push(fieldError('externalRef', 'duplicate'));
    await this.loadProducts(draft.lines.map((l) => l.productId));
    const editionIds = draft.lines.map((l) => l.editionId).filter((e): e is string => Boolean(e));
    const editions = new Map((await this.products.findEditions(editionIds)).map((e) => [e.id, e]));
    const serials: Array<{ productId: string; serialNumber: string; at: string }> = [];
    const seen = new Set<string>();
    draft.lines.forEach((line, i) => {
      const at = `lines/${i}`;
      const product = this.productCache.get(line.productId);
      if (!product) errs.push(fieldError(`${at}/productId`, 'unknown_reference'));
      if (line.editionId) {
        const edition = editions.get(line.editionId);
        if (!edition) errs.push(fieldError(`${at}/editionId`, 'unknown_reference'));
        else if (edition.productId !== line.productId)
          errs.push(fieldError(`${at}/editionId`, 'edition_mismatch'));
      }
      if (line.serialNumbers.length > line.quantity)
        errs.push(fieldError(`${at}/serialNumbers`, 'too_many_serials'));
      let lineDuplicate = false;
      for (const serialNumber of line.serialNumbers) {
        if (!serialNumber) {
          errs.push(fieldError(`${at}/serialNumbers`, 'invalid_value'));
          return;
        }
        const key = serialKey(line.productId, serialNumber);
        if (seen.has(key)) lineDuplicate = true;
        seen.add(key);
        serials.push({ productId: line.productId, serialNumber, at });
      }
      if (lineDuplicate) errs.push(fieldError(`${at}/serialNumbers`, 'duplicate'));
    });
    const taken = await existingSerials(this.tx, this.ctx.workspace.id, serials);
    const reported = new Set(errs.map((e) => e.field));
    for (const s of serials) {
      const field = `${s.at}/serialNumbers`;
      if (taken.has(serialKey(s.productId, s.serialNumber)) && !reported.has(field)) {
        errs.push(fieldError(field, 'duplicate'));
        reported.add(field);
      }
    }
    if (!Number.isSafeInteger(totalOf(draft))) errs.push(fieldError('lines', 'amount_too_large'));
    return errs;
  }

  /**
   * Writes the order after checking it; throws the field errors when there are any. Returns its id.
   * `prechecked`: the caller has already checked the order against the same rules (the import checks every
   * row before it writes anything); the database's unique and foreign keys still catch a concurrent change.
   */
  async create(draft: OrderDraft, options: { prechecked?: boolean } = {}): Promise<string> {
    if (options.prechecked) await this.loadProducts(draft.lines.map((l) => l.productId));
    else {
      const errs = await this.check(draft);
      if (errs.length) throw invalidFields(errs);
    }
    const id = newId();
    const now = this.ctx.clock.now().toISOString();
    const row = {
      id,
      number: formatNumber('O', await nextNumber(this.tx, this.ctx.workspace.id, 'order')),
      externalRef: draft.externalRef,
      customerId: draft.customerId,
      orderedAt: draft.orderedAt,
      status: draft.status,
      currency: draft.currency,
      totalCents: totalOf(draft),
      lines: draft.lines.map((l) => ({ ...l, id: newId() })),
    };
    const productOf = (productId: string) => this.productCache.get(productId) as ProductRecord;
    try {
      await this.orders.insert(row, now);
      await registerAssetsInTx(
        this.tx,
        this.ctx,
        draft.lines.flatMap((l) =>
          l.serialNumbers.map((serialNumber) => ({
            customerId: draft.customerId,
            productId: l.productId,
            editionId: l.editionId,
            orderId: id,
            serialNumber,
            purchaseDate: draft.orderedAt,
            warrantyEnd: addMonths(draft.orderedAt, productOf(l.productId).warrantyMonths),
          })),
        ),
      );
    } catch (err) {
      // Someone else took the reference or a serial number between the check and the write.
      if (isUniqueViolation(err)) throw invalidFields([fieldError('lines', 'duplicate')]);
      throw err;
    }
    const { id: _id, lines, ...order } = row;
    await recordAudit(this.tx, this.ctx, {
      entityType: 'order',
      entityId: id,
      action: 'created',
      after: {
        ...order,
        lineCount: lines.length,
        lines: lines.map((l) => {
          const product = productOf(l.productId);
          return {
            productId: l.productId,
            productName: product.name,
            sku: product.sku,
            editionId: l.editionId,
            editionName: product.editions.find((e) => e.id === l.editionId)?.name ?? null,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            serialNumbers: l.serialNumbers,
          };
        }),
      },
    });
    await emit(this.tx, this.ctx, 'order.created', { orderId: id, customerId: draft.customerId });
    return id;
  }

  private async loadProducts(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.productCache.has(id));
    if (missing.length === 0) return;
    const found = await this.products.findMany(missing);
    for (const id of missing) this.productCache.set(id, null);
    for (const p of found) this.productCache.set(p.id, p);
  }
}

function totalOf(draft: OrderDraft): number {
  return draft.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
}

export class OrdersService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new OrdersRepository(db, this.ctx.workspace.id);
  }

  async list(query: OrderQuery): Promise<PageOf<Order>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      q: query.q?.trim() || undefined,
      customerId: query.customerId,
      status: query.status,
      from: query.from,
      to: query.to,
      sort: parseSort(query.sort, SORTS, { column: 'ordered_at', desc: true }),
      page,
      pageSize,
    });
    return {
      items: items.map((o) => presentOrder(o, undefined, this.ctx.principal)),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string, db: Executor = this.ctx.database.db): Promise<Order> {
    const repo = this.repo(db);
    const o = await repo.find(id);
    if (!o) throw new AppError('not_found');
    return presentOrder(o, await repo.lines(id), this.ctx.principal);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  async create(input: OrderCreate): Promise<Order> {
    return inTransaction(this.ctx, async (tx) => {
      const id = await new OrderWriter(tx, this.ctx).create(draftOf(input));
      return this.get(id, tx);
    });
  }

  /** Status and external reference; lines are what was sold and do not change. */
  async update(id: string, input: OrderUpdate): Promise<Order> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const next = {
        status: input.status ?? before.status,
        externalRef: input.externalRef === undefined ? before.externalRef : input.externalRef?.trim() || null,
      };
      if (next.externalRef && next.externalRef !== before.externalRef) {
        const other = await repo.findIdByExternalRef(next.externalRef);
        if (other && other !== id) throw invalidFields([fieldError('externalRef', 'duplicate')]);
      }
      let ok: boolean;
      try {
        ok = await repo.update(id, before.version, next, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('externalRef', 'duplicate')]);
        throw err;
      }
      if (!ok) throw new AppError('conflict');
      const after = (await repo.find(id)) as OrderRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'order',
        entityId: id,
        action: 'updated',
        before: presentOrder(before, undefined, this.ctx.principal),
        after: presentOrder(after, undefined, this.ctx.principal),
      });
      await emit(tx, this.ctx, 'order.updated', { orderId: id, customerId: before.customerId });
      return presentOrder(after, await repo.lines(id), this.ctx.principal);
    });
  }
}
