import dayjs from 'dayjs';
import {
  CaseChannels,
  CaseSeverities,
  CaseSlaFilters,
  CaseStatuses,
  CaseTypes,
  CaseViews,
  type CaseView,
  type SavedViewQuery,
} from '@aftercare/contracts';
import type { QueryParams } from '../../lib/api';
import type { ParamPatch } from '../../lib/useListParams';

/** The queue's filters as they live in the URL: lists comma-separated, dates as YYYY-MM-DD (local days). */
export const QUEUE_FILTERS = [
  'view',
  'status',
  'severity',
  'type',
  'channel',
  'customerId',
  'assigneeId',
  'createdFrom',
  'createdTo',
  'slaState',
] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export type QueueFilters = Record<QueueFilter, string | undefined>;

export const LIST_FILTERS = {
  status: CaseStatuses,
  severity: CaseSeverities,
  type: CaseTypes,
  channel: CaseChannels,
  slaState: CaseSlaFilters,
} as const;
export type ListFilter = keyof typeof LIST_FILTERS;

export const DEFAULT_VIEW: CaseView = 'open';

export function isView(value: string | undefined): value is CaseView {
  return !!value && (CaseViews as readonly string[]).includes(value);
}

/** The values of a list filter in the URL, unknown ones dropped. */
export function listOf<K extends ListFilter>(
  filters: QueueFilters,
  key: K,
): Array<(typeof LIST_FILTERS)[K][number]> {
  const allowed = LIST_FILTERS[key] as readonly string[];
  return (filters[key] ?? '').split(',').filter((v) => allowed.includes(v)) as Array<
    (typeof LIST_FILTERS)[K][number]
  >;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Start of a local day as an instant; `next` gives the start of the day after (an exclusive bound). */
function dayStart(day: string | undefined, next = false): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const d = dayjs(day).startOf('day');
  return (next ? d.add(1, 'day') : d).toISOString();
}

/** The saved-view / API form of the URL's queue state (without paging). */
export function savedQueryOf(filters: QueueFilters, q: string, sort: string): SavedViewQuery {
  const out: SavedViewQuery = { view: isView(filters.view) ? filters.view : DEFAULT_VIEW };
  for (const key of Object.keys(LIST_FILTERS) as ListFilter[]) {
    const values = listOf(filters, key);
    if (values.length) Object.assign(out, { [key]: values });
  }
  if (filters.customerId) out.customerId = filters.customerId;
  if (filters.assigneeId) out.assigneeId = filters.assigneeId;
  const from = dayStart(filters.createdFrom);
  const to = dayStart(filters.createdTo, true);
  if (from) out.createdFrom = from;
  if (to) out.createdTo = to;
  if (q) out.q = q;
  if (sort) out.sort = sort;
  return out;
}

/** What GET /cases is asked for. */
export function apiQueryOf(
  filters: QueueFilters,
  q: string,
  sort: string,
  page: number,
  pageSize: number,
): QueryParams {
  return { ...savedQueryOf(filters, q, sort), page, pageSize };
}

/** URL parameters that show a saved view's query (every queue key set or cleared; back to page 1). */
export function paramsOf(query: SavedViewQuery): ParamPatch {
  const lists = Object.fromEntries(
    (Object.keys(LIST_FILTERS) as ListFilter[]).map((k) => [
      k,
      query[k]?.length ? query[k].join(',') : undefined,
    ]),
  );
  return {
    view: query.view && query.view !== DEFAULT_VIEW ? query.view : undefined,
    ...lists,
    customerId: query.customerId,
    assigneeId: query.assigneeId,
    createdFrom: query.createdFrom ? dayjs(query.createdFrom).format('YYYY-MM-DD') : undefined,
    createdTo: query.createdTo ? dayjs(query.createdTo).subtract(1, 'day').format('YYYY-MM-DD') : undefined,
    q: query.q,
    sort: query.sort,
    page: undefined,
  };
}

/** Whether two queue states are the same query (to show which saved view is on). */
export function sameQuery(a: SavedViewQuery, b: SavedViewQuery): boolean {
  const norm = (x: SavedViewQuery) =>
    JSON.stringify(
      Object.entries({ view: DEFAULT_VIEW, ...x })
        .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v])
        .sort(([x1], [x2]) => String(x1).localeCompare(String(x2))),
    );
  return norm(a) === norm(b);
}
