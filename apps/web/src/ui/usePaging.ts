import { useState } from 'react';

export interface Paging {
  page: number;
  pageSize: number;
  sort?: string;
  onChange: (next: { page?: number; pageSize?: number; sort?: string }) => void;
}

/** Local paging for tables embedded in a page (a list page keeps its paging in the URL instead). */
export function useLocalPaging(pageSize = 10, sort?: string): Paging {
  const [state, setState] = useState({ page: 1, pageSize, sort });
  return {
    ...state,
    onChange: (next) =>
      setState((prev) => ({
        page: next.page ?? (next.sort !== undefined ? 1 : prev.page),
        pageSize: next.pageSize ?? prev.pageSize,
        sort: next.sort ?? prev.sort,
      })),
  };
}
