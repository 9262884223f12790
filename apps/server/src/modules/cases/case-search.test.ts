import { describe, expect, it } from 'vitest';
import { caseNumberOf, prefixWorthy } from './case-search.js';

describe('case search query', () => {
  it('treats a whole query of the form T-1001 as a case number; prefixes only longer Latin words', () => {
    expect(caseNumberOf(' t-1001 ')).toBe('T-1001');
    expect(caseNumberOf('T-1001 打印机')).toBeNull();
    expect(caseNumberOf('1001')).toBeNull();
    expect(prefixWorthy('gat')).toBe(true);
    expect(prefixWorthy('ga')).toBe(false);
    expect(prefixWorthy('打印机')).toBe(false);
  });
});
