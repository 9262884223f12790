import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  Limits,
  OrderImportColumns,
  type Asset,
  type Customer,
  type ImportResult,
  type Order,
  type Product,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import type { Client, Reply } from '../../../test/client.js';
import { createWorkspace, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface ErrorReply {
  error: {
    code: string;
    message: string;
    details?: Array<{ row: number; field: string; message: string; code?: string }>;
  };
}
interface PageReply<T> {
  items: T[];
  total: number;
}

/** A multipart/form-data body with one file part, built by hand as a browser would send it. */
function upload<T>(
  client: Client,
  url: string,
  content: Buffer | string,
  { filename = 'orders.csv', field = 'file', type = 'text/csv' } = {},
): Promise<Reply<T>> {
  const boundary = `----AftercareTest${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request<T>('POST', url, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = OrderImportColumns.join(',');

interface Setup {
  ws: Workspace;
  acme: Customer;
  router: Product;
}

async function setup(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Setup> {
  const ws = await createWorkspace(t.app, { locale });
  const acme = (await ws.admin.post<Customer>('/api/customers', { code: 'ACME', name: '上海艾克米' })).body;
  await ws.admin.post('/api/customers', { code: 'NOVA', name: 'Nova Tech' });
  const router = (
    await ws.admin.post<Product>('/api/products', {
      sku: 'RT-100',
      name: '工业路由器',
      warrantyMonths: 12,
      editions: [
        { code: 'STD', name: '标准版' },
        { code: 'PRO', name: '专业版' },
      ],
    })
  ).body;
  await ws.admin.post('/api/products', { sku: 'CAM-9', name: '摄像头', warrantyMonths: 24 });
  return { ws, acme, router };
}

async function counts(ws: Workspace) {
  return {
    orders: (await ws.admin.get<PageReply<Order>>('/api/orders')).body.total,
    assets: (await ws.admin.get<PageReply<Asset>>('/api/assets')).body.total,
  };
}

const GOOD_CSV = [
  HEADER,
  'PO-1,ACME,2026-01-15,RT-100,STD,2,"1,250.50",,SN-1;SN-2',
  'PO-1,ACME,2026-01-15,CAM-9,,1,99,CNY,',
  'PO-2,NOVA,2026/2/3,RT-100,PRO,3,12.5,usd,"SN-3, SN-4"',
  '',
].join('\r\n');

describe('order import', () => {
  it('imports a CSV (with BOM): rows with the same order_ref make one order; serials become assets', async () => {
    const { ws, acme } = await setup();
    const res = await upload<ImportResult>(ws.admin, '/api/orders/import', `\ufeff${GOOD_CSV}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ imported: 3, orders: 2, errors: [] });
    const orders = await ws.admin.get<PageReply<Order>>('/api/orders?sort=number');
    expect(
      orders.body.items.map((o) => [
        o.number,
        o.externalRef,
        o.orderedAt,
        o.currency,
        o.totalCents,
        o.lineCount,
      ]),
    ).toEqual([
      ['O-00001', 'PO-1', '2026-01-15', 'CNY', 2 * 125_050 + 9_900, 2],
      ['O-00002', 'PO-2', '2026-02-03', 'USD', 3 * 1_250, 1],
    ]);
    const po1 = await ws.admin.get<Order>(`/api/orders/${orders.body.items[0]?.id}`);
    expect(po1.body.customerId).toBe(acme.id);
    expect(
      po1.body.lines?.map((l) => [l.sku, l.editionName, l.quantity, l.unitPriceCents, l.serialNumbers]),
    ).toEqual([
      ['RT-100', '标准版', 2, 125_050, ['SN-1', 'SN-2']],
      ['CAM-9', null, 1, 9_900, []],
    ]);
    const assets = await ws.admin.get<PageReply<Asset>>('/api/assets?sort=serialNumber');
    expect(
      assets.body.items.map((a) => [a.serialNumber, a.customerName, a.purchaseDate, a.warrantyEnd]),
    ).toEqual([
      ['SN-1', '上海艾克米', '2026-01-15', '2027-01-15'],
      ['SN-2', '上海艾克米', '2026-01-15', '2027-01-15'],
      ['SN-3', 'Nova Tech', '2026-02-03', '2027-02-03'],
      ['SN-4', 'Nova Tech', '2026-02-03', '2027-02-03'],
    ]);
    const history = await ws.admin.get<{ items: Array<{ action: string }> }>(
      `/api/orders/${orders.body.items[0]?.id}/history`,
    );
    expect(history.body.items.map((h) => h.action)).toEqual(['created']);

    // The same file again: every order is already there, and nothing is written twice.
    const again = await upload<ErrorReply>(ws.admin, '/api/orders/import', GOOD_CSV);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('import_failed');
    expect(again.body.error.details?.map((d) => [d.row, d.field, d.code])).toEqual([
      [2, 'order_ref', 'order_ref_taken'],
      [2, 'serial_numbers', 'serial_taken'],
      [2, 'serial_numbers', 'serial_taken'],
      [4, 'order_ref', 'order_ref_taken'],
      [4, 'serial_numbers', 'serial_taken'],
      [4, 'serial_numbers', 'serial_taken'],
    ]);
    expect(await counts(ws)).toEqual({ orders: 2, assets: 4 });
  });

  it('imports an XLSX built in a spreadsheet, with real date and number cells', async () => {
    const { ws } = await setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('订单');
    sheet.addRow([
      'Order_Ref',
      'customer code',
      'ordered_at',
      'sku',
      'edition_code',
      'quantity',
      'unit_price',
      'currency',
      'serial_numbers',
    ]);
    sheet.addRow(['X-1', 'ACME', new Date(Date.UTC(2026, 0, 20)), 'RT-100', 'PRO', 1, 12.5, 'CNY', 'XS-1']);
    sheet.addRow([]);
    sheet.addRow([
      'X-2',
      'NOVA',
      '2026-01-21',
      'CAM-9',
      null,
      4,
      80,
      null,
      { richText: [{ text: 'XS-2;' }, { text: 'XS-3' }] },
    ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload<ImportResult>(ws.admin, '/api/orders/import', file, {
      filename: 'orders.xlsx',
      type: XLSX,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ imported: 2, orders: 2, errors: [] });
    const orders = await ws.admin.get<PageReply<Order>>('/api/orders?sort=number');
    expect(orders.body.items.map((o) => [o.externalRef, o.orderedAt, o.totalCents])).toEqual([
      ['X-1', '2026-01-20', 1_250],
      ['X-2', '2026-01-21', 32_000],
    ]);
    expect((await counts(ws)).assets).toBe(3);
  });

  it('reads GBK-encoded CSV, as Excel saves it on Chinese Windows', async () => {
    const { ws } = await setup();
    // "你好" in GBK: C4E3 BAC3. The serial number carries it; the rest is ASCII.
    const gbk = Buffer.concat([
      Buffer.from(`${HEADER}\r\nG-1,ACME,2026-01-01,RT-100,,1,1,,SN-`),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from('\r\n'),
    ]);
    const res = await upload<ImportResult>(ws.admin, '/api/orders/import', gbk);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const assets = await ws.admin.get<PageReply<Asset>>('/api/assets');
    expect(assets.body.items.map((a) => a.serialNumber)).toEqual(['SN-你好']);
  });

  it('refuses the whole file when one row is bad, names the row and field, and writes nothing', async () => {
    const { ws } = await setup();
    const before = await counts(ws);
    const csv = [
      HEADER,
      'B-1,ACME,2026-01-15,RT-100,STD,1,10,,SN-B1',
      'B-2,ACME,2026-01-15,NOPE,,1,10,,',
      'B-3,NOVA,2026-01-16,CAM-9,,1,10,,SN-B3',
    ].join('\n');
    const res = await upload<ErrorReply>(ws.admin, '/api/orders/import', csv);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_failed');
    expect(res.body.error.message).toBe('导入失败：部分行有错误，没有导入任何数据。');
    expect(res.body.error.details).toEqual([
      { row: 3, field: 'sku', code: 'unknown_product', message: 'SKU“NOPE”不存在' },
    ]);
    expect(await counts(ws)).toEqual(before);
  });

  it('reports every bad row and field at once, in the user’s language', async () => {
    const { ws } = await setup('en');
    const csv = [
      HEADER,
      ',GHOST,2026-13-01,RT-100,XL,0,abc,RMB1,',
      'M-1,ACME,2026-01-01,RT-100,,1,1.234,,A;B',
      'M-2,ACME,2026-01-01,RT-100,,2,1,,DUP;DUP',
      'M-2,NOVA,2026-01-02,RT-100,,1,1,EUR,',
    ].join('\n');
    const res = await upload<ErrorReply>(ws.admin, '/api/orders/import', csv);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('Import failed: some rows have errors; nothing was imported.');
    expect(res.body.error.details?.map((d) => [d.row, d.field, d.code])).toEqual([
      [2, 'order_ref', 'required'],
      [2, 'ordered_at', 'invalid_date'],
      [2, 'quantity', 'invalid_quantity'],
      [2, 'unit_price', 'invalid_amount'],
      [2, 'currency', 'invalid_currency'],
      [3, 'unit_price', 'invalid_amount'],
      [3, 'serial_numbers', 'too_many_serials'],
      [4, 'serial_numbers', 'duplicate_serial'],
      [5, 'customer_code', 'order_mismatch'],
      [5, 'ordered_at', 'order_mismatch'],
      [5, 'currency', 'order_mismatch'],
    ]);
    expect(res.body.error.details?.[8]?.message).toBe('differs from row 4 of the same order');
    expect(res.body.error.details?.[0]?.message).toBe('required');
    expect((await counts(ws)).orders).toBe(0);

    const unknown = await upload<ErrorReply>(
      ws.admin,
      '/api/orders/import',
      `${HEADER}\nU-1,GHOST,2026-01-01,RT-100,XL,1,1,,\n`,
    );
    expect(unknown.body.error.details?.map((d) => [d.row, d.field, d.message])).toEqual([
      [2, 'customer_code', 'no customer with code "GHOST"'],
      [2, 'edition_code', 'the product has no edition "XL"'],
    ]);
  });

  it('checks the header: missing, unknown and repeated columns', async () => {
    const { ws } = await setup();
    const res = await upload<ErrorReply>(
      ws.admin,
      '/api/orders/import',
      'order_ref,customer_code,sku,sku,colour\nA,ACME,RT-100,RT-100,red\n',
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details?.map((d) => [d.row, d.field, d.code])).toEqual([
      [1, 'sku', 'duplicate_column'],
      [1, 'colour', 'unknown_column'],
      [1, 'ordered_at', 'missing_column'],
      [1, 'quantity', 'missing_column'],
      [1, 'unit_price', 'missing_column'],
    ]);
    const empty = await upload<ErrorReply>(ws.admin, '/api/orders/import', `${HEADER}\n\n`);
    expect(empty.status).toBe(422);
    expect(empty.body.error.details?.map((d) => d.code)).toEqual(['empty']);
  });

  it('answers file_unreadable to binary, corrupt and legacy files', async () => {
    const { ws } = await setup();
    const before = await counts(ws);
    const files: Array<[Buffer, string]> = [
      [randomBytes(4096), 'orders.csv'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2048)]), 'orders.xlsx'],
      [
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2048)]),
        'orders.xls',
      ],
      [Buffer.from('%PDF-1.7\n\u0000\u0001binary'), 'orders.pdf'],
    ];
    for (const [content, filename] of files) {
      const res = await upload<ErrorReply>(ws.admin, '/api/orders/import', content, { filename });
      expect(res.status, filename).toBe(422);
      expect(res.body.error.code).toBe('file_unreadable');
    }
    expect(await counts(ws)).toEqual(before);
  });

  it('needs a file in the "file" field of a multipart body', async () => {
    const { ws } = await setup();
    const wrongField = await upload<ErrorReply>(ws.admin, '/api/orders/import', GOOD_CSV, {
      field: 'upload',
    });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.details).toEqual([{ field: 'file', code: 'required', message: '必填' }]);
    const json = await ws.admin.post<ErrorReply>('/api/orders/import', { rows: [] });
    expect(json.status).toBe(415);
  });

  it('checks without writing on dryRun=true', async () => {
    const { ws } = await setup();
    const dry = await upload<ImportResult>(ws.admin, '/api/orders/import?dryRun=true', GOOD_CSV);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ imported: 3, orders: 2, errors: [] });
    expect(await counts(ws)).toEqual({ orders: 0, assets: 0 });
    const bad = await upload<ErrorReply>(
      ws.admin,
      '/api/orders/import?dryRun=true',
      `${HEADER}\nD-1,ACME,2026-01-01,NOPE,,1,1,,\n`,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details?.map((d) => d.field)).toEqual(['sku']);
    const real = await upload<ImportResult>(ws.admin, '/api/orders/import', GOOD_CSV);
    expect(real.body.orders).toBe(2);
    expect(await counts(ws)).toEqual({ orders: 2, assets: 4 });
  });

  it('refuses files over the row limit', async () => {
    const { ws } = await setup();
    const rows = Array.from(
      { length: Limits.importRows + 1 },
      (_, i) => `L-${i},ACME,2026-01-01,CAM-9,,1,1,,`,
    );
    const res = await upload<ErrorReply>(
      ws.admin,
      '/api/orders/import?dryRun=true',
      [HEADER, ...rows].join('\n'),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      {
        row: Limits.importRows + 2,
        field: 'file',
        code: 'too_many_rows',
        message: `最多导入 ${Limits.importRows} 行`,
      },
    ]);
  });

  it('offers a CSV and an XLSX template that import as they are', async () => {
    const { ws } = await setup();
    const csv = await ws.admin.get<string>('/api/orders/import/template');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toContain('order-import-template.csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(2);

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/orders/import/template?format=xlsx',
      headers: { cookie: `ac_session=${ws.session.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(res.rawPayload).buffer);
    const header = workbook.worksheets[0]?.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([...OrderImportColumns]);

    // The example row refers to customer C001 and product SKU-001 (edition STD): with those, it imports.
    await ws.admin.post('/api/customers', { code: 'C001', name: '示例客户' });
    await ws.admin.post('/api/products', {
      sku: 'SKU-001',
      name: '示例产品',
      editions: [{ code: 'STD', name: '标准版' }],
    });
    const imported = await upload<ImportResult>(ws.admin, '/api/orders/import', res.rawPayload, {
      filename: 'order-import-template.xlsx',
      type: XLSX,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toEqual({ imported: 1, orders: 1, errors: [] });
  });
});
