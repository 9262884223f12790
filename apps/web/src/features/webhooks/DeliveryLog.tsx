import { App, Button, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { DeliveryStatuses, type Delivery, type DeliveryStatus } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { QueryError } from '../../ui/QueryError';
import { useDeliveries, useReplay, useSendTest } from './api';

const STATUS_COLOR: Record<DeliveryStatus, string> = {
  pending: 'default',
  retrying: 'orange',
  succeeded: 'green',
  failed: 'red',
};

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`integrations.status.${status}`)}</Tag>;
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** The delivery log of a webhook endpoint or a bot (`base`: `/webhooks/<id>` or `/bots/<id>`), with replay. */
export function DeliveryLog({ base }: { base: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const deliveries = useDeliveries(base, page, status);
  const replay = useReplay(base);
  const test = useSendTest();
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('integrations.log.status'),
      key: 'status',
      width: 100,
      render: (_, d) => <DeliveryStatusTag status={d.status} />,
    },
    {
      title: t('integrations.log.event'),
      dataIndex: 'eventType',
      key: 'event',
      render: (v: string, d) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code>{v}</Typography.Text>
          {d.replayOf ? (
            <Typography.Text type="secondary">{t('integrations.log.replay')}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('integrations.log.response'),
      key: 'response',
      width: 110,
      render: (_, d) =>
        d.responseStatus !== null ? (
          <Tag color={d.responseStatus < 300 ? 'green' : 'red'}>{d.responseStatus}</Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('integrations.log.attempts'),
      dataIndex: 'attempts',
      key: 'attempts',
      width: 80,
      responsive: ['sm'],
    },
    {
      title: t('integrations.log.duration'),
      key: 'duration',
      width: 90,
      responsive: ['md'],
      render: (_, d) => (d.durationMs !== null ? `${d.durationMs} ms` : '—'),
    },
    {
      title: t('integrations.log.time'),
      key: 'time',
      responsive: ['md'],
      render: (_, d) => (
        <Tooltip
          title={
            d.nextAttemptAt
              ? t('integrations.log.next', { at: dayjs(d.nextAttemptAt).format('MM-DD HH:mm:ss') })
              : undefined
          }
        >
          {dayjs(d.lastAttemptAt ?? d.createdAt).format('YYYY-MM-DD HH:mm:ss')}
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      width: 110,
      render: (_, d) =>
        d.actions.includes('replay') ? (
          <Button
            size="small"
            loading={replay.isPending && replay.variables === d.id}
            data-testid="delivery-replay"
            onClick={() =>
              replay.mutate(d.id, {
                onSuccess: () => void message.success(t('integrations.log.replayed')),
                onError: (e) => handleError(e),
              })
            }
          >
            {t('integrations.log.replayButton')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select<DeliveryStatus | undefined>
          allowClear
          placeholder={t('integrations.log.allStatuses')}
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={DeliveryStatuses.map((s) => ({ value: s, label: t(`integrations.status.${s}`) }))}
        />
        <Button
          icon={<ReloadOutlined />}
          data-testid="delivery-reload"
          onClick={() => void deliveries.refetch()}
        >
          {t('common.reload')}
        </Button>
        <Button
          icon={<SendOutlined />}
          loading={test.isPending}
          data-testid="integration-test"
          onClick={() =>
            test.mutate(base, {
              onSuccess: () => void message.success(t('integrations.testQueued')),
              onError: (e) => handleError(e),
            })
          }
        >
          {t('integrations.test')}
        </Button>
      </Space>
      {deliveries.error ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Table<Delivery>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={deliveries.data?.items ?? []}
          loading={deliveries.isPending}
          scroll={{ x: true }}
          data-testid="delivery-log"
          locale={{ emptyText: <Empty description={t('integrations.log.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 10,
            total: deliveries.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            size: 'small',
          }}
          expandable={{
            expandedRowRender: (d) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : null}
                <Typography.Text strong>{t('integrations.log.payload')}</Typography.Text>
                <pre
                  className="secret-box"
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}
                >
                  {pretty(d.payload)}
                </pre>
                {d.responseBody ? (
                  <>
                    <Typography.Text strong>{t('integrations.log.responseBody')}</Typography.Text>
                    <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                      {d.responseBody}
                    </pre>
                  </>
                ) : null}
              </Space>
            ),
          }}
        />
      )}
    </Space>
  );
}
