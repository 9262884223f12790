import { describe, expect, it } from 'vitest';
import { caseMatchPlan, matchExpression, workspaceToken } from './fulltext.js';
import { caseDocument } from '../search/case-document.js';
import { segmentQuery } from '../search/segment.js';

const WS = '0193a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';
const TOKEN = 'w0193a3c45b6d7e8f9a0b1c2d3e4f5a6b';

describe('full-text query builder', () => {
  it('ties every query to its workspace and ANDs the words, the last one as a prefix when asked', () => {
    expect(workspaceToken(WS)).toBe(TOKEN);
    expect(matchExpression('sqlite', WS, 'staff', ['打印机', '卡纸'], { prefixLast: false })).toBe(
      `staff : "${TOKEN}" AND staff : "打印机" AND staff : "卡纸"`,
    );
    expect(matchExpression('sqlite', WS, 'public', ['t-1001', 'gate'])).toBe(
      `public : "${TOKEN}" AND public : "t-1001" AND public : "gate" *`,
    );
    expect(matchExpression('postgres', WS, 'staff', ['打印机', 'gate'])).toBe(
      `'${TOKEN}' & '打印机' & 'gate':*`,
    );
    expect(matchExpression('postgres', WS, 'staff', ["o'neil"], { prefixLast: false })).toBe(
      `'${TOKEN}' & 'o''neil'`,
    );
    expect(matchExpression('sqlite', WS, 'staff', ['say"hi'], { prefixLast: false })).toBe(
      `staff : "${TOKEN}" AND staff : "say""hi"`,
    );
  });

  it('reads hits in index order from the FTS table on SQLite and the tsvector column on PostgreSQL', () => {
    const sqlite = caseMatchPlan('sqlite', WS, 'public', ['x']);
    expect(sqlite.join?.table).toBe('case_fts');
    const pg = caseMatchPlan('postgres', WS, 'public', ['x']);
    expect(pg.join).toBeNull();
  });

  it('segments mixed Chinese and English queries into lower-cased words, codes kept whole and in parts', () => {
    expect(segmentQuery('打印机 卡纸')).toEqual(expect.arrayContaining(['打印机', '卡纸']));
    expect(segmentQuery('打印机卡纸')).toEqual(expect.arrayContaining(['打印机', '卡纸']));
    expect(segmentQuery('VPN 网关 T-1001')).toEqual(['vpn', '网关', 't-1001', 't', '1001']);
    expect(segmentQuery('？！…')).toEqual([]);
  });

  it('builds the public document without internal notes', () => {
    const doc = caseDocument({
      number: 'T-1001',
      subject: '主机异响',
      customerName: '华东机电',
      contactName: null,
      messages: [
        { text: '风扇噪音', visibility: 'public' },
        { text: '怀疑轴承磨损', visibility: 'internal' },
      ],
    });
    expect(doc.staff).toEqual(expect.arrayContaining(['t-1001', '华东', '风扇', '轴承', '磨损']));
    expect(doc.public).toEqual(expect.arrayContaining(['t-1001', '华东', '风扇']));
    expect(doc.public).not.toContain('轴承');
    expect(doc.public).not.toContain('磨损');
  });
});
