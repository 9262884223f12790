import { Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Chart } from '../../features/reports/Chart';
import { useReturnReport } from '../../features/returns/api';

/** Return rate by product and reason, decision time against the promise, approval rate per department. */
export default function ReturnsReportPage() {
  const { t } = useTranslation();
  const report = useReturnReport();
  const data = report.data;
  const byProduct = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: (data?.byProduct ?? []).map((p) => p.productName) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('returns.report.byProduct'),
          data: (data?.byProduct ?? []).map((p) =>
            p.sold ? Math.round((p.returned / p.sold) * 1000) / 10 : 0,
          ),
        },
      ],
    }),
    [data, t],
  );
  const byReason = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: (data?.byReason ?? []).map((r) => ({ name: r.label, value: r.count })),
        },
      ],
    }),
    [data],
  );
  const departments = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      xAxis: { type: 'category', data: (data?.departments ?? []).map((d) => d.name) },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          stack: 'v',
          name: t('returns.report.approved'),
          data: (data?.departments ?? []).map((d) => d.approved),
        },
        {
          type: 'bar',
          stack: 'v',
          name: t('returns.report.rejected'),
          data: (data?.departments ?? []).map((d) => d.rejected),
        },
      ],
    }),
    [data, t],
  );
  if (report.isPending) return <Spin />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const d = report.data;
  return (
    <>
      <PageHeader title={t('returns.report.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic title={t('returns.report.decided')} value={d.decisions.decided} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('returns.report.onTime')}
              value={d.decisions.decided ? Math.round((d.decisions.onTime / d.decisions.decided) * 100) : 0}
              suffix="%"
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic title={t('returns.report.meanHours')} value={d.decisions.meanHours ?? '—'} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('returns.report.byProduct')}>
            {d.byProduct.length ? <Chart option={byProduct} testId="returns-by-product" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('returns.report.byReason')}>
            {d.byReason.length ? <Chart option={byReason} testId="returns-by-reason" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('returns.report.departments')}>
            {d.departments.length ? <Chart option={departments} testId="returns-by-department" /> : <Empty />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
