import { Select, Spin } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageOf } from '@aftercare/contracts';
import { api, type QueryParams } from '../lib/api';

export interface RemoteOption {
  value: string;
  label: ReactNode;
  /** searchable text / text shown in the box */
  text: string;
}

/**
 * A Select that searches a paged list endpoint as the user types. `known` supplies the label of the current
 * value when it is not among the loaded options (e.g. an edit form opened on page 5 of the list).
 */
export function RemoteSelect<T extends { id: string }>({
  path,
  params,
  toOption,
  value,
  onChange,
  known,
  placeholder,
  disabled,
  allowClear = true,
  testId,
  style,
}: {
  path: string;
  params?: QueryParams;
  toOption: (item: T) => RemoteOption;
  value?: string | null;
  onChange?: (value: string | null, item: T | undefined) => void;
  known?: RemoteOption | null;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);
  const query = { ...params, q: debounced || undefined, pageSize: 20 };
  const { data, isFetching } = useQuery({
    queryKey: ['select', path, query],
    queryFn: ({ signal }) => api.get<PageOf<T>>(path, query, signal),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });
  const items = useMemo(() => data?.items ?? [], [data]);
  const options = useMemo(() => {
    const list = items.map(toOption);
    if (known && value === known.value && !list.some((o) => o.value === known.value)) list.unshift(known);
    return list.map((o) => ({ value: o.value, label: o.label, text: o.text }));
  }, [items, toOption, known, value]);
  return (
    <Select
      showSearch
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder}
      disabled={disabled}
      filterOption={false}
      onSearch={setSearch}
      onChange={(next?: string) => {
        setSearch('');
        onChange?.(
          next ?? null,
          items.find((i) => i.id === next),
        );
      }}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noMatches')}
      options={options}
      optionLabelProp="label"
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}
