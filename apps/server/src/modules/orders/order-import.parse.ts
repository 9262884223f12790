import type { CellValue } from 'exceljs';
import type PapaParse from 'papaparse';

/** One row of a spreadsheet: its number as the spreadsheet shows it (header = 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** The file cannot be read as CSV or XLSX at all (binary, corrupt, wrong format). */
export class UnreadableFileError extends Error {}

/** A CSV row the CSV reader could not split (an unclosed quote, usually). */
export interface MalformedRow {
  row: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls, .doc…
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/**
 * Reads the rows of an uploaded order file: XLSX (first worksheet) or CSV in UTF-8 (with or without BOM),
 * UTF-16 (Excel's "Unicode text") or GBK/GB18030 (Excel's default on Chinese Windows). Comma, tab and
 * semicolon separated CSV are all accepted.
 */
export async function readSheet(
  buf: Buffer,
  filename: string,
): Promise<{ rows: SheetRow[]; malformed: MalformedRow[] }> {
  if (startsWith(buf, ZIP_MAGIC) || /\.xlsx$/i.test(filename))
    return { rows: await readXlsx(buf), malformed: [] };
  if (startsWith(buf, OLE_MAGIC)) throw new UnreadableFileError('legacy binary office file');
  // papaparse and exceljs load on first use: they are a third of the server's start-up otherwise.
  const { default: Papa } = await import('papaparse');
  return readCsv(Papa, decodeText(buf));
}

async function readXlsx(buf: Buffer): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants an ArrayBuffer-like; hand it an exact copy of the upload's bytes.
    await workbook.xlsx.load(Uint8Array.from(buf).buffer);
  } catch {
    throw new UnreadableFileError('not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push({ row: rowNumber, cells: Array.from(values, (v) => cellText(v as CellValue)) });
  });
  return rows;
}

/** The text a person sees in a cell; dates as YYYY-MM-DD. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || (typeof result === 'object' && !(result instanceof Date))) return '';
    return cellText(result);
  }
  return '';
}

function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return checkText(new TextDecoder('utf-16le').decode(buf.subarray(2)));
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return checkText(new TextDecoder('utf-16be').decode(buf.subarray(2)));
  const body = startsWith(buf, UTF8_BOM) ? buf.subarray(3) : buf;
  if (body.includes(0)) throw new UnreadableFileError('binary content');
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return checkText(new TextDecoder(encoding, { fatal: true }).decode(body));
    } catch (err) {
      if (err instanceof UnreadableFileError) throw err;
    }
  }
  throw new UnreadableFileError('unknown text encoding');
}

/** Text files do not contain control characters other than tab and line breaks. */
function checkText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text))
    throw new UnreadableFileError('binary content');
  return text.replace(/^\ufeff/, '');
}

function readCsv(Papa: typeof PapaParse, text: string): { rows: SheetRow[]; malformed: MalformedRow[] } {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = [',', '\t', ';'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const malformed = parsed.errors.filter((e) => e.type === 'Quotes').map((e) => ({ row: (e.row ?? 0) + 1 }));
  const rows = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c ?? '') }));
  // A file that ends with a line break has a last, empty "row" that no spreadsheet shows.
  while (rows.length && rows[rows.length - 1]?.cells.every((c) => c.trim() === '')) rows.pop();
  return { rows, malformed };
}
