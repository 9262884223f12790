import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SorterResult } from 'antd/es/table/interface';
import type { SortOrder } from 'antd/es/table/interface';

export type ParamPatch = Record<string, string | number | undefined | null>;

/**
 * List state (page, page size, search, sort, filters) kept in the URL, so reload, back and shared links show
 * the same list.
 */
export function useListParams<F extends string>(
  filterKeys: readonly F[],
  defaults: { sort?: string; pageSize?: number } = {},
) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || defaults.pageSize || 20;
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaults.sort ?? '';
  const filterValues = filterKeys.map((k) => params.get(k) ?? '');
  const filterSignature = filterValues.join('\u0000');

  const filters = useMemo(() => {
    const out = {} as Record<F, string | undefined>;
    filterKeys.forEach((k, i) => {
      out[k] = filterSignature.split('\u0000')[i] || undefined;
    });
    return out;
  }, [filterKeys, filterSignature]);

  const update = useCallback(
    (patch: ParamPatch) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const query = useMemo(
    () => ({ page, pageSize, q: q || undefined, sort: sort || undefined, ...filters }),
    [page, pageSize, q, sort, filters],
  );
  const hasFilters = !!q || Object.values<string | undefined>(filters).some(Boolean);

  return { page, pageSize, q, sort, filters, update, query, hasFilters };
}

/** antd column sortOrder from `?sort=name|-name`. */
export function sortOrderOf(sort: string, key: string): SortOrder {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

/** `?sort=` value from antd's sorter argument. */
export function sortFromSorter<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s || !s.order || s.columnKey === undefined) return undefined;
  const key = String(s.columnKey);
  return s.order === 'descend' ? `-${key}` : key;
}
