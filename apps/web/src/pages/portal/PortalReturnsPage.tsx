import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { usePortalReturns } from '../../features/returns/api';
import { ReturnStatusTag } from '../../features/returns/ReturnParts';

/** The contact's return requests, newest first. */
export default function PortalReturnsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = usePortalReturns({ page, pageSize: 20 });
  return (
    <>
      <PageHeader
        title={t('returns.portal.title')}
        extra={
          <Link to="/portal/returns/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="portal-return-new">
              {t('returns.portal.new')}
            </Button>
          </Link>
        }
      />
      <Card>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <List
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('returns.portal.empty')} /> }}
            pagination={
              (list.data?.total ?? 0) > 20
                ? { current: page, pageSize: 20, total: list.data?.total, onChange: setPage }
                : false
            }
            renderItem={(r) => (
              <List.Item data-testid="portal-return-row">
                <List.Item.Meta
                  title={
                    <Link to={`/portal/returns/${r.id}`}>
                      <Space wrap>
                        <span>{r.number}</span>
                        <span>{t(`returns.outcomes.${r.outcome}`)}</span>
                        <ReturnStatusTag status={r.status} />
                      </Space>
                    </Link>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {r.reasonLabel} · {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
