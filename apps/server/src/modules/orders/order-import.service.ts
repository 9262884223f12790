import {
  Limits,
  OrderImportColumns,
  type FieldError,
  type ImportResult,
  type ImportRowError,
  type OrderImportColumn,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { ProductsRepository, type ProductRecord } from '../products/index.js';
import { existingSerials, isIsoDate, serialKey } from '../assets/index.js';
import { OrdersRepository } from './orders.repository.js';
import { OrderWriter, type OrderDraft } from './orders.service.js';
import { readSheet, UnreadableFileError, type SheetRow } from './order-import.parse.js';
import { importMessage, type ImportErrorCode } from './order-import.messages.js';

const REQUIRED: OrderImportColumn[] = [
  'order_ref',
  'customer_code',
  'ordered_at',
  'sku',
  'quantity',
  'unit_price',
];
const MAX_LINES_PER_ORDER = 500;
const MAX_ERRORS = 1000;
const MAX_UNIT_PRICE_CENTS = 1e12;

/** One data row, read and checked on its own. Lookups (customer, product…) come later, for all rows at once. */
interface ParsedRow {
  row: number;
  ref: string;
  customerCode: string;
  orderedAt: string;
  sku: string;
  editionCode: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
  serials: string[];
}

interface Group {
  ref: string;
  rows: ParsedRow[];
}

/**
 * Imports orders from a CSV or XLSX file, all or nothing: every row is checked first, and only a file
 * without a single bad row is written, in one transaction, through the same OrderWriter as POST /orders.
 */
export class OrderImportService {
  private readonly errors: ImportRowError[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  async run(file: Buffer, filename: string, dryRun: boolean): Promise<ImportResult> {
    let sheet: Awaited<ReturnType<typeof readSheet>>;
    try {
      sheet = await readSheet(file, filename);
    } catch (err) {
      if (err instanceof UnreadableFileError) throw new AppError('file_unreadable');
      throw err;
    }
    for (const m of sheet.malformed) this.fail(m.row, 'file', 'malformed_row');
    const headerAt = sheet.rows.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
    const header = sheet.rows[headerAt];
    if (!header) return this.abort(1, 'file', 'empty');
    const columns = this.readHeader(header);
    this.stopOnErrors();

    const dataRows = sheet.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (dataRows.length === 0) return this.abort(header.row + 1, 'file', 'empty');
    if (dataRows.length > Limits.importRows) {
      const first = dataRows[Limits.importRows] as SheetRow;
      return this.abort(first.row, 'file', 'too_many_rows', { max: Limits.importRows });
    }
    const parsed = dataRows.map((r) => this.parseRow(r, columns)).filter((r): r is ParsedRow => r !== null);
    const groups = await this.resolve(parsed);
    this.stopOnErrors();
    if (dryRun) return { imported: dataRows.length, orders: groups.length, errors: [] };

    await inTransaction(this.ctx, async (tx) => {
      const writer = new OrderWriter(tx, this.ctx);
      for (const g of groups) {
        try {
          await writer.create(g.draft, { prechecked: true });
        } catch (err) {
          // Only a concurrent change can get here: the rows were all checked against the same rules.
          if (err instanceof AppError && err.code === 'validation_failed' && Array.isArray(err.details))
            throw new AppError('import_failed', this.rowErrorsOf(g, err.details as FieldError[]));
          throw err;
        }
      }
      await emit(tx, this.ctx, 'orders.imported', { orders: groups.length, rows: dataRows.length });
    });
    return { imported: dataRows.length, orders: groups.length, errors: [] };
  }

  private readHeader(header: SheetRow): Map<OrderImportColumn, number> {
    const known = new Set<string>(OrderImportColumns);
    const columns = new Map<OrderImportColumn, number>();
    header.cells.forEach((raw, i) => {
      const name = raw
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      if (!name) return;
      if (!known.has(name)) return this.fail(header.row, raw.trim(), 'unknown_column', { value: raw.trim() });
      const column = name as OrderImportColumn;
      if (columns.has(column)) return this.fail(header.row, column, 'duplicate_column', { value: column });
      columns.set(column, i);
    });
    for (const c of REQUIRED) if (!columns.has(c)) this.fail(header.row, c, 'missing_column', { value: c });
    return columns;
  }

  /** Checks what a row says by itself; null when it has errors (they are recorded). */
  private parseRow(r: SheetRow, columns: Map<OrderImportColumn, number>): ParsedRow | null {
    const before = this.errors.length;
    const cell = (c: OrderImportColumn) => {
      const i = columns.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const required = (c: OrderImportColumn, max = 200): string => {
      const v = cell(c);
      if (!v) this.fail(r.row, c, 'required');
      else if (v.length > max) this.fail(r.row, c, 'too_long', { max });
      return v;
    };
    const ref = required('order_ref', 64);
    const customerCode = required('customer_code', 64);
    const sku = required('sku', 64);
    const editionCode = cell('edition_code');

    let orderedAt = '';
    const rawDate = cell('ordered_at');
    if (!rawDate) this.fail(r.row, 'ordered_at', 'required');
    else {
      orderedAt = parseDate(rawDate) ?? '';
      if (!orderedAt) this.fail(r.row, 'ordered_at', 'invalid_date');
    }

    let quantity = 0;
    const rawQty = cell('quantity');
    if (!rawQty) this.fail(r.row, 'quantity', 'required');
    else {
      quantity = /^\d{1,7}$/.test(rawQty) ? Number(rawQty) : 0;
      if (quantity < 1 || quantity > 1_000_000) this.fail(r.row, 'quantity', 'invalid_quantity');
    }

    let unitPriceCents = -1;
    const rawPrice = cell('unit_price');
    if (!rawPrice) this.fail(r.row, 'unit_price', 'required');
    else {
      unitPriceCents = parseCents(rawPrice) ?? -1;
      if (unitPriceCents < 0 || unitPriceCents > MAX_UNIT_PRICE_CENTS)
        this.fail(r.row, 'unit_price', 'invalid_amount');
    }

    const currency = (cell('currency') || 'CNY').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) this.fail(r.row, 'currency', 'invalid_currency');

    const serials = cell('serial_numbers')
      .split(/[;,；，\r\n]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (serials.some((s) => s.length > 100)) this.fail(r.row, 'serial_numbers', 'too_long', { max: 100 });
    else if (quantity > 0 && serials.length > quantity)
      this.fail(r.row, 'serial_numbers', 'too_many_serials');

    if (this.errors.length > before) return null;
    return {
      row: r.row,
      ref,
      customerCode,
      orderedAt,
      sku,
      editionCode,
      quantity,
      unitPriceCents,
      currency,
      serials,
    };
  }

  /** Looks up customers, products and editions for all rows, groups rows into orders and checks each order. */
  private async resolve(rows: ParsedRow[]): Promise<Array<Group & { draft: OrderDraft }>> {
    const db = this.ctx.database.db;
    const ws = this.ctx.workspace.id;
    const orders = new OrdersRepository(db, ws);
    const customers = await orders.customersByCode(rows.map((r) => r.customerCode));
    const products = new Map<string, ProductRecord>(
      (await new ProductsRepository(db, ws).findBySkus(rows.map((r) => r.sku))).map((p) => [p.sku, p]),
    );
    const takenRefs = await orders.takenExternalRefs(rows.map((r) => r.ref));

    const groups = new Map<string, Group>();
    for (const r of rows) {
      const g = groups.get(r.ref) ?? { ref: r.ref, rows: [] };
      g.rows.push(r);
      groups.set(r.ref, g);
    }

    const seenSerials = new Set<string>();
    const serialRows: Array<{ productId: string; serialNumber: string; row: number }> = [];
    const out: Array<Group & { draft: OrderDraft }> = [];
    for (const g of groups.values()) {
      const first = g.rows[0] as ParsedRow;
      const customerId = customers.get(first.customerCode);
      if (takenRefs.has(g.ref)) this.fail(first.row, 'order_ref', 'order_ref_taken', { value: g.ref });
      const lines: OrderDraft['lines'] = [];
      g.rows.forEach((r, i) => {
        if (i === MAX_LINES_PER_ORDER)
          this.fail(r.row, 'order_ref', 'too_many_lines', { max: MAX_LINES_PER_ORDER });
        if (i > 0) {
          if (r.customerCode !== first.customerCode)
            this.fail(r.row, 'customer_code', 'order_mismatch', { first: first.row });
          if (r.orderedAt !== first.orderedAt)
            this.fail(r.row, 'ordered_at', 'order_mismatch', { first: first.row });
          if (r.currency !== first.currency)
            this.fail(r.row, 'currency', 'order_mismatch', { first: first.row });
        }
        if (!customers.has(r.customerCode))
          this.fail(r.row, 'customer_code', 'unknown_customer', { value: r.customerCode });
        const product = products.get(r.sku);
        if (!product) return this.fail(r.row, 'sku', 'unknown_product', { value: r.sku });
        let editionId: string | null = null;
        if (r.editionCode) {
          const edition = product.editions.find((e) => e.code === r.editionCode);
          if (!edition) return this.fail(r.row, 'edition_code', 'unknown_edition', { value: r.editionCode });
          editionId = edition.id;
        }
        for (const serialNumber of r.serials) {
          const key = serialKey(product.id, serialNumber);
          if (seenSerials.has(key))
            this.fail(r.row, 'serial_numbers', 'duplicate_serial', { value: serialNumber });
          seenSerials.add(key);
          serialRows.push({ productId: product.id, serialNumber, row: r.row });
        }
        lines.push({
          productId: product.id,
          editionId,
          quantity: r.quantity,
          unitPriceCents: r.unitPriceCents,
          serialNumbers: r.serials,
        });
      });
      const total = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
      if (!Number.isSafeInteger(total)) this.fail(first.row, 'unit_price', 'amount_too_large');
      if (customerId)
        out.push({
          ...g,
          draft: {
            customerId,
            externalRef: g.ref,
            orderedAt: first.orderedAt,
            status: 'open',
            currency: first.currency,
            lines,
          },
        });
    }
    const taken = await existingSerials(db, ws, serialRows);
    for (const s of serialRows)
      if (taken.has(serialKey(s.productId, s.serialNumber)))
        this.fail(s.row, 'serial_numbers', 'serial_taken', { value: s.serialNumber });
    return out;
  }

  /** Field errors of the writer (lines/2/serialNumbers…) as row errors of the file. */
  private rowErrorsOf(g: Group, details: FieldError[]): ImportRowError[] {
    const first = (g.rows[0] as ParsedRow).row;
    const columnOf: Record<string, OrderImportColumn> = {
      customerId: 'customer_code',
      externalRef: 'order_ref',
      productId: 'sku',
      editionId: 'edition_code',
      serialNumbers: 'serial_numbers',
    };
    return details.map((d) => {
      const m = /^lines\/(\d+)\/(\w+)$/.exec(d.field);
      const row = m ? (g.rows[Number(m[1])]?.row ?? first) : first;
      const field = columnOf[m ? (m[2] as string) : d.field] ?? 'file';
      return { row, field, code: d.code, message: d.message };
    });
  }

  private fail(
    row: number,
    field: string,
    code: ImportErrorCode,
    params: Record<string, string | number> = {},
  ) {
    this.errors.push({ row, field, code, message: importMessage(code, this.ctx.locale, params) });
  }

  private abort(
    row: number,
    field: string,
    code: ImportErrorCode,
    params: Record<string, string | number> = {},
  ): never {
    this.fail(row, field, code, params);
    this.stopOnErrors();
    throw new Error('unreachable');
  }

  /** Answers 422 import_failed with every row error so far (sorted, at most MAX_ERRORS of them). */
  private stopOnErrors(): void {
    if (this.errors.length === 0) return;
    const sorted = [...this.errors].sort((a, b) => a.row - b.row);
    const shown = sorted.slice(0, MAX_ERRORS);
    if (sorted.length > MAX_ERRORS) {
      const next = sorted[MAX_ERRORS] as ImportRowError;
      shown.push({
        row: next.row,
        field: 'file',
        code: 'too_many_errors',
        message: importMessage('too_many_errors', this.ctx.locale, { count: sorted.length - MAX_ERRORS }),
      });
    }
    throw new AppError('import_failed', shown);
  }
}

/** YYYY-MM-DD, also YYYY/M/D and YYYY.M.D (how spreadsheets often write dates), with an optional time. */
function parseDate(raw: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(raw);
  if (!m) return null;
  const date = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

/** "12.50" → 1250, "1,234.5" → 123450, "¥8" → 800; without floating point on the way. */
function parseCents(raw: string): number | null {
  let s = raw.replace(/^[¥￥]\s*/, '').replace(/\s/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
