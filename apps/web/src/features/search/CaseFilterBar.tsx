import { Button, DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ParamPatch } from '../../lib/useListParams';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../auth/session';
import { CustomerSelect } from '../customers/CustomerSelect';
import { UserSelect } from '../settings/UserSelect';
import { LIST_FILTERS, listOf, type ListFilter, type QueueFilters } from './queueQuery';

/** Label keys of each list filter's values. */
const LABELS: Record<ListFilter, string> = {
  status: 'caseStatus',
  severity: 'caseSeverity',
  type: 'caseType',
  channel: 'caseChannel',
  slaState: 'search.slaState',
};

/**
 * The queue's search box and filter bar: full-text search (Chinese and English words, case numbers) and the
 * filters of GET /cases. Everything lives in the URL (useListParams), so saved views and links restore it.
 */
export function CaseFilterBar({
  q,
  filters,
  update,
}: {
  q: string;
  filters: QueueFilters;
  update: (patch: ParamPatch) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const from = filters.createdFrom;
  const to = filters.createdTo;
  const active = !!q || Object.entries(filters).some(([k, v]) => k !== 'view' && !!v);
  const clear: ParamPatch = Object.fromEntries(
    Object.keys(filters)
      .filter((k) => k !== 'view')
      .map((k) => [k, undefined]),
  );

  const listSelect = (key: ListFilter, minWidth = 130) => (
    <Select<string[]>
      key={key}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t(`search.filter.${key}`)}
      style={{ minWidth }}
      value={listOf(filters, key)}
      onChange={(values) => update({ [key]: values.length ? values.join(',') : undefined })}
      options={(LIST_FILTERS[key] as readonly string[]).map((v) => ({
        value: v,
        label: t(`${LABELS[key]}.${v}`),
      }))}
      data-testid={`cases-filter-${key}`}
    />
  );

  return (
    <div className="toolbar">
      <SearchInput
        value={q}
        onChange={(next) => update({ q: next })}
        placeholder={t('search.placeholder')}
        testId="cases-search"
      />
      {listSelect('status', 140)}
      {listSelect('severity', 110)}
      {listSelect('slaState', 130)}
      {listSelect('type')}
      {listSelect('channel')}
      <div style={{ minWidth: 180 }}>
        <CustomerSelect
          value={filters.customerId ?? null}
          onChange={(customerId) => update({ customerId })}
          testId="cases-filter-customer"
        />
      </div>
      {can('users.read') ? (
        <div style={{ minWidth: 180 }}>
          <UserSelect
            value={filters.assigneeId ?? null}
            onChange={(assigneeId) => update({ assigneeId })}
            placeholder={t('search.filter.assignee')}
            testId="cases-filter-assignee"
          />
        </div>
      ) : null}
      <DatePicker.RangePicker
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          update({
            createdFrom: range?.[0]?.format('YYYY-MM-DD'),
            createdTo: range?.[1]?.format('YYYY-MM-DD'),
          })
        }
        placeholder={[t('search.filter.createdFrom'), t('search.filter.createdTo')]}
        data-testid="cases-filter-created"
      />
      {active ? (
        <Button onClick={() => update({ ...clear, q: undefined })} data-testid="cases-clear-filters">
          {t('common.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
