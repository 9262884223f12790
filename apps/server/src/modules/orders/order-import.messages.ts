import type { Locale } from '@aftercare/contracts';

type Params = Record<string, string | number>;
type Message = Record<Locale, (p: Params) => string>;

/** Row errors of an order import, in both languages; `code` is what the API sends next to the text. */
const MESSAGES = {
  required: { 'zh-CN': () => '必填', en: () => 'required' },
  too_long: { 'zh-CN': (p) => `不能超过 ${p.max} 个字符`, en: (p) => `at most ${p.max} characters` },
  unknown_customer: {
    'zh-CN': (p) => `客户编号“${p.value}”不存在`,
    en: (p) => `no customer with code "${p.value}"`,
  },
  unknown_product: { 'zh-CN': (p) => `SKU“${p.value}”不存在`, en: (p) => `no product with SKU "${p.value}"` },
  unknown_edition: {
    'zh-CN': (p) => `该产品没有版本“${p.value}”`,
    en: (p) => `the product has no edition "${p.value}"`,
  },
  invalid_date: {
    'zh-CN': () => '日期格式应为 YYYY-MM-DD',
    en: () => 'expected a date as YYYY-MM-DD',
  },
  invalid_quantity: {
    'zh-CN': () => '应为 1 到 1000000 之间的整数',
    en: () => 'expected a whole number from 1 to 1000000',
  },
  invalid_amount: {
    'zh-CN': () => '应为不小于 0 的金额，最多两位小数（如 12.50）',
    en: () => 'expected an amount of at least 0 with at most two decimals (e.g. 12.50)',
  },
  invalid_currency: {
    'zh-CN': () => '币种应为三个大写字母（如 CNY）',
    en: () => 'expected a three-letter currency code (e.g. CNY)',
  },
  order_ref_taken: {
    'zh-CN': (p) => `订单“${p.value}”已导入过`,
    en: (p) => `order "${p.value}" has already been imported`,
  },
  order_mismatch: {
    'zh-CN': (p) => `与同一订单第 ${p.first} 行的值不一致`,
    en: (p) => `differs from row ${p.first} of the same order`,
  },
  duplicate_serial: {
    'zh-CN': (p) => `序列号“${p.value}”在文件中重复`,
    en: (p) => `serial number "${p.value}" appears more than once in the file`,
  },
  serial_taken: {
    'zh-CN': (p) => `序列号“${p.value}”已登记`,
    en: (p) => `serial number "${p.value}" is already registered`,
  },
  too_many_serials: {
    'zh-CN': () => '序列号数量多于数量',
    en: () => 'more serial numbers than the quantity',
  },
  too_many_lines: {
    'zh-CN': (p) => `一个订单最多 ${p.max} 行`,
    en: (p) => `an order has at most ${p.max} lines`,
  },
  amount_too_large: { 'zh-CN': () => '订单金额过大', en: () => 'the order total is too large' },
  unknown_column: {
    'zh-CN': (p) => `无法识别的列“${p.value}”`,
    en: (p) => `unknown column "${p.value}"`,
  },
  missing_column: { 'zh-CN': (p) => `缺少列“${p.value}”`, en: (p) => `missing column "${p.value}"` },
  duplicate_column: {
    'zh-CN': (p) => `列“${p.value}”出现了多次`,
    en: (p) => `column "${p.value}" appears more than once`,
  },
  malformed_row: {
    'zh-CN': () => '该行格式错误（引号未闭合？）',
    en: () => 'this row cannot be read (an unclosed quote?)',
  },
  empty: { 'zh-CN': () => '文件中没有数据行', en: () => 'the file has no data rows' },
  too_many_rows: {
    'zh-CN': (p) => `最多导入 ${p.max} 行`,
    en: (p) => `at most ${p.max} rows can be imported at once`,
  },
  too_many_errors: {
    'zh-CN': (p) => `另有 ${p.count} 个错误未列出`,
    en: (p) => `${p.count} more errors not listed`,
  },
  conflict: {
    'zh-CN': () => '数据在导入期间被他人修改，请重新导入',
    en: () => 'the data changed while importing; please import again',
  },
} satisfies Record<string, Message>;

export type ImportErrorCode = keyof typeof MESSAGES;

export function importMessage(code: ImportErrorCode, locale: Locale, params: Params = {}): string {
  const m: Message = MESSAGES[code];
  return m[locale](params);
}
