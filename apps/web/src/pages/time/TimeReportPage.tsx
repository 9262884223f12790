import { Button, Card, DatePicker, Empty, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimeEntry } from '@aftercare/contracts';
import type { QueryParams } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { UserSelect } from '../../features/settings/UserSelect';
import { timeExportUrl, useTimeReport } from '../../features/time/api';
import { formatMinutes } from '../../features/time/duration';

export default function TimeReportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const [userId, setUserId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query: QueryParams = {
    userId,
    customerId,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const report = useTimeReport(query);
  const columns: TableColumnsType<TimeEntry> = [
    {
      title: t('time.workedOn'),
      key: 'workedOn',
      width: 120,
      render: (_, e) => formatDate(e.workedOn, locale),
    },
    {
      title: t('time.case'),
      key: 'case',
      render: (_, e) => <Link to={`/app/cases/${e.caseId}`}>{e.caseNumber}</Link>,
    },
    { title: t('time.customer'), dataIndex: 'customerName', key: 'customer', responsive: ['md'] },
    { title: t('time.agent'), dataIndex: 'userName', key: 'agent' },
    {
      title: t('time.minutes'),
      key: 'minutes',
      align: 'right',
      render: (_, e) => formatMinutes(e.minutes, t),
    },
    {
      title: t('time.billable'),
      key: 'billable',
      render: (_, e) =>
        e.billable ? <Tag color="blue">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
    },
    { title: t('time.note'), dataIndex: 'note', key: 'note', responsive: ['lg'] },
  ];
  return (
    <div>
      <PageHeader
        title={t('time.reportTitle')}
        subtitle={t('time.reportSubtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={timeExportUrl(query)} data-testid="time-export">
            {t('time.exportCsv')}
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          {can('users.read') ? (
            <div style={{ minWidth: 200 }}>
              <UserSelect value={userId} onChange={setUserId} placeholder={t('time.agent')} />
            </div>
          ) : null}
          {can('customers.read') ? (
            <div style={{ minWidth: 220 }}>
              <CustomerSelect value={customerId} onChange={(id) => setCustomerId(id)} />
            </div>
          ) : null}
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => setRange(v)}
            allowEmpty={[true, true]}
            placeholder={[t('time.range'), t('time.range')]}
          />
        </Space>
        {report.error ? (
          <QueryError error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            {report.data ? (
              <Space wrap style={{ marginBottom: 12 }} data-testid="time-report-totals">
                <Tag color="blue">
                  {t('time.totalBillable', { time: formatMinutes(report.data.totals.billableMinutes, t) })}
                </Tag>
                <Tag>
                  {t('time.totalNonBillable', {
                    time: formatMinutes(report.data.totals.nonBillableMinutes, t),
                  })}
                </Tag>
              </Space>
            ) : null}
            <Table<TimeEntry>
              rowKey="id"
              columns={columns}
              dataSource={report.data?.items ?? []}
              loading={report.isFetching}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: true }}
              locale={{ emptyText: <Empty description={t('time.reportEmpty')} /> }}
            />
          </>
        )}
      </Card>
    </div>
  );
}
