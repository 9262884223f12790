import { Card, Col, Empty, List, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkloadAgent } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SeverityTag } from '../../features/cases/CaseTags';
import { Chart } from '../../features/reports/Chart';
import { formatDuration, SLA_COLOR, useNow } from '../../features/cases/sla';
import { useTeams, useWorkload } from '../../features/teams/api';

const STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
const STATUS_COLOR = { new: '#1677ff', open: '#13c2c2', pending: '#faad14', on_hold: '#8c8c8c' } as const;

function AgentCard({ agent, now }: { agent: WorkloadAgent; now: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span data-testid="workload-agent">{agent.name}</span>
          {agent.teams.map((team) => (
            <Tag key={team.id}>{team.name}</Tag>
          ))}
        </Space>
      }
      extra={
        <Statistic value={agent.active} suffix={t('teams.workload.cases')} valueStyle={{ fontSize: 18 }} />
      }
      style={{ height: '100%' }}
    >
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        {STATUSES.map((s) => (
          <Tag key={s} color={agent.byStatus[s] ? STATUS_COLOR[s] : undefined}>
            {t(`caseStatus.${s}`)} {agent.byStatus[s]}
          </Tag>
        ))}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('teams.workload.byCustomer')}
      </Typography.Text>
      {agent.customers.length ? (
        <List
          size="small"
          dataSource={agent.customers}
          renderItem={(c) => (
            <List.Item style={{ padding: '2px 0' }} extra={<b>{c.count}</b>}>
              <Link to={`/app/cases?customerId=${c.customerId}`}>{c.customerName}</Link>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('teams.workload.noCases')}</Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('teams.workload.nextDeadlines')}
      </Typography.Text>
      {agent.nextDeadlines.length ? (
        <List
          size="small"
          dataSource={agent.nextDeadlines}
          renderItem={(d) => {
            const left = new Date(d.nextDeadlineAt).getTime() - now;
            return (
              <List.Item
                style={{ padding: '4px 0' }}
                data-testid="workload-deadline"
                data-sla-state={d.slaState}
              >
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Link to={`/app/cases/${d.caseId}`}>{d.number}</Link>
                    <SeverityTag severity={d.severity} />
                    <span style={{ color: d.slaState === 'ok' ? undefined : SLA_COLOR[d.slaState] }}>
                      {left < 0
                        ? t('cases.sla.overdue', { time: formatDuration(left, t) })
                        : t('cases.sla.left', { time: formatDuration(left, t) })}
                    </span>
                  </Space>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: '100%' }}>
                    {d.customerName} · {d.subject} · {formatDateTime(d.nextDeadlineAt, locale)}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('teams.workload.noDeadlines')}</Typography.Paragraph>
      )}
    </Card>
  );
}

/** The workload board: each engineer's active cases by status and customer, and their next deadlines. */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const [teamId, setTeamId] = useState<string | undefined>();
  const teams = useTeams();
  const board = useWorkload(teamId);
  const now = useNow();
  const agents = useMemo(() => board.data?.agents ?? [], [board.data]);
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: agents.map((a) => a.name), inverse: true },
      series: STATUSES.map((s) => ({
        name: t(`caseStatus.${s}`),
        type: 'bar',
        stack: 'cases',
        itemStyle: { color: STATUS_COLOR[s] },
        data: agents.map((a) => a.byStatus[s]),
      })),
    }),
    [agents, t],
  );
  return (
    <>
      <PageHeader
        title={t('teams.workload.title')}
        subtitle={t('teams.workload.subtitle')}
        extra={
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('teams.workload.allTeams')}
            value={teamId}
            onChange={(v?: string) => setTeamId(v)}
            loading={teams.isPending}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            data-testid="workload-team"
          />
        }
      />
      {board.error && !board.data ? (
        <QueryError error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : agents.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.workload.empty')} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="workload">
          <Card
            size="small"
            title={t('teams.workload.chart')}
            extra={
              <Typography.Text type="secondary">
                {t('teams.workload.unassigned', { count: board.data.unassigned })}
              </Typography.Text>
            }
          >
            <Chart option={option} height={Math.max(160, agents.length * 36 + 60)} testId="workload-chart" />
          </Card>
          <Row gutter={[16, 16]}>
            {agents.map((a) => (
              <Col key={a.userId} xs={24} md={12} xl={8}>
                <AgentCard agent={a} now={now} />
              </Col>
            ))}
          </Row>
        </Space>
      )}
    </>
  );
}
