import { Button, Empty, Input, Spin, Typography } from 'antd';
import { EnvironmentOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Customer, PageOf } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { QueryError } from '../../ui/QueryError';
import { TierTag } from '../../features/customers/TierTag';

const PAGE_SIZE = 20;

export default function MobileCustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (text.trim() !== q) setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 350);
    return () => window.clearTimeout(timer);
  }, [text, q, setParams]);

  const list = useInfiniteQuery({
    queryKey: ['customers', 'mobile', q],
    initialPageParam: 1,
    queryFn: ({ pageParam, signal }) =>
      api.get<PageOf<Customer>>(
        '/customers',
        { q: q || undefined, page: pageParam, pageSize: PAGE_SIZE, sort: 'name' },
        signal,
      ),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div data-testid="m-customers">
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('customers.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ marginBottom: 12, borderRadius: 12 }}
        inputMode="search"
        data-testid="m-customer-search"
      />
      {list.isPending ? (
        <div className="full-page-center" style={{ minHeight: 200 }}>
          <Spin />
        </div>
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          description={q ? t('customers.emptyFiltered') : t('mobile.noCustomers')}
          style={{ marginTop: 48 }}
        />
      ) : (
        <>
          <div>
            {items.map((c) => (
              <Link
                key={c.id}
                to={`/m/customers/${c.id}`}
                className="m-list-item"
                data-testid={`m-customer-${c.code}`}
              >
                <div className="m-list-item-main">
                  <Typography.Text strong ellipsis style={{ display: 'block' }}>
                    {c.name} <TierTag tier={c.tier} />
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 13 }}>
                    <EnvironmentOutlined />{' '}
                    {[c.city, c.address].filter(Boolean).join(' ') || t('mobile.noAddress')}
                  </Typography.Text>
                </div>
                <RightOutlined style={{ color: '#bfbfbf' }} />
              </Link>
            ))}
          </div>
          {list.hasNextPage ? (
            <Button
              block
              size="large"
              style={{ marginTop: 12 }}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('mobile.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
