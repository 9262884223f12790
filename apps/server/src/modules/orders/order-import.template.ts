import { OrderImportColumns, type Locale, type OrderImportColumn } from '@aftercare/contracts';

const EXAMPLE: Record<OrderImportColumn, string> = {
  order_ref: 'PO-2026-0001',
  customer_code: 'C001',
  ordered_at: '2026-03-01',
  sku: 'SKU-001',
  edition_code: 'STD',
  quantity: '2',
  unit_price: '12.50',
  currency: 'CNY',
  serial_numbers: 'SN0001;SN0002',
};

const HELP: Record<Locale, Record<OrderImportColumn, string>> = {
  'zh-CN': {
    order_ref: '必填。外部订单号；相同订单号的多行合并为一个订单，已导入过的订单号会被拒绝。',
    customer_code: '必填。客户编号（客户资料中的“编号”）。',
    ordered_at: '必填。下单日期，格式 YYYY-MM-DD。',
    sku: '必填。产品 SKU。',
    edition_code: '选填。产品版本编码。',
    quantity: '必填。数量，正整数。',
    unit_price: '必填。单价（元），最多两位小数，如 12.50。',
    currency: '选填。币种，默认 CNY。',
    serial_numbers: '选填。序列号，多个用分号或逗号分隔；每个序列号登记为一台在保设备。',
  },
  en: {
    order_ref:
      'Required. External order number; rows with the same number form one order. Numbers already imported are refused.',
    customer_code: 'Required. The customer code.',
    ordered_at: 'Required. Order date as YYYY-MM-DD.',
    sku: 'Required. The product SKU.',
    edition_code: 'Optional. The edition code of the product.',
    quantity: 'Required. A whole number of at least 1.',
    unit_price: 'Required. Unit price in yuan, at most two decimals, e.g. 12.50.',
    currency: 'Optional. Currency code, CNY when empty.',
    serial_numbers: 'Optional. Serial numbers separated by ";" or ","; each becomes an installed-base asset.',
  },
};

export interface TemplateFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** A file with the header row and one example row; the XLSX adds a sheet explaining each column. */
export async function orderImportTemplate(format: 'csv' | 'xlsx', locale: Locale): Promise<TemplateFile> {
  const header = [...OrderImportColumns];
  const example = header.map((c) => EXAMPLE[c]);
  if (format === 'csv') {
    // With a BOM, Excel opens UTF-8 (and so Chinese text) correctly.
    const { default: Papa } = await import('papaparse');
    const csv = `\ufeff${Papa.unparse([header, example])}\r\n`;
    return {
      body: Buffer.from(csv, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      filename: 'order-import-template.csv',
    };
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Orders' : '订单');
  sheet.columns = header.map((c) => ({
    key: c,
    width: Math.max(14, EXAMPLE[c].length + 4),
    style: { numFmt: '@' },
  }));
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  const help = workbook.addWorksheet(locale === 'en' ? 'Help' : '说明');
  help.columns = [{ width: 18 }, { width: 90 }];
  for (const c of header) help.addRow([c, HELP[locale][c]]);
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: 'order-import-template.xlsx',
  };
}
