import { describe, expect, it } from 'vitest';
import { segmentForIndex, segmentQuery, words } from './segment.js';

describe('search segmentation', () => {
  it('cuts Chinese into words, long words also into their parts', () => {
    const w = words('售后服务平台的工单系统');
    expect(w).toEqual(expect.arrayContaining(['售后', '服务', '平台', '工单', '系统']));
  });

  it('keeps Latin words lower-cased and codes whole and in parts', () => {
    expect(words('ERP upgrade FAILED on T-1024')).toEqual([
      'erp',
      'upgrade',
      'failed',
      'on',
      't-1024',
      't',
      '1024',
    ]);
  });

  it('handles mixed text, full-width characters and punctuation', () => {
    const w = words('ＥＲＰ升级后，报表打不开！（版本 V5.2）');
    expect(w).toEqual(expect.arrayContaining(['erp', '升级', '报表', '版本', 'v5.2']));
    expect(w.some((x) => /[，！（）]/.test(x))).toBe(false);
  });

  it('finds a message by a word of it: index and query meet on the same words', () => {
    const indexed = new Set(segmentForIndex('客户反馈：扫码枪无法连接到仓库管理系统').split(' '));
    for (const q of ['扫码枪', '仓库', '管理系统']) {
      for (const word of segmentQuery(q)) expect(indexed.has(word), `${q} → ${word}`).toBe(true);
    }
  });

  it('returns nothing for text without words', () => {
    expect(segmentForIndex('—— !!! ...')).toBe('');
    expect(segmentQuery('   ')).toEqual([]);
  });
});
