import { Button, Card, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDiscipline } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { useAcknowledgeCheckpoint } from './api';
import { CheckpointTags, LinkKindTag } from './DisciplineExtras';

/**
 * What the contact sees of checkpoints, related problems and the summary schedule: dates agreed with them
 * (with a button to acknowledge each), the problems set aside, and when the next status summary is due.
 */
export function PortalDisciplineExtras({
  caseId,
  status,
  discipline,
}: {
  caseId: string;
  status: string;
  discipline: CaseDiscipline | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const handleError = useApiError();
  const ack = useAcknowledgeCheckpoint(caseId);
  const checkpoints = discipline?.checkpoints ?? [];
  const links = discipline?.links ?? [];
  const schedule = discipline?.summarySchedule ?? null;
  const writable = status !== 'closed';
  if (!checkpoints.length && !links.length && !schedule?.nextDueAt) return null;
  return (
    <div data-testid="portal-discipline-extras">
      {schedule?.nextDueAt ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="portal-summary-next">
          <Typography.Text>
            {t('disc.portal.nextSummary', { time: formatDateTime(schedule.nextDueAt, locale) })}
          </Typography.Text>
        </Card>
      ) : null}
      {checkpoints.length ? (
        <Card
          size="small"
          title={t('disc.checkpoints.title')}
          style={{ marginBottom: 16 }}
          data-testid="portal-checkpoints"
        >
          <Space direction="vertical" size={10} style={{ width: '100%' }}>
            {checkpoints.map((cp) => (
              <div key={cp.id} className="discipline-step" data-testid="portal-checkpoint">
                <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                  <Typography.Text strong>{cp.title}</Typography.Text>
                  <Typography.Text type={cp.missed ? 'danger' : 'secondary'}>
                    {t('disc.checkpoints.dueAt', { time: formatDateTime(cp.dueAt, locale) })}
                  </Typography.Text>
                  <CheckpointTags checkpoint={cp} />
                </div>
                {cp.note ? (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
                  >
                    {cp.note}
                  </Typography.Paragraph>
                ) : null}
                {!cp.acknowledgedAt && !cp.doneAt && writable ? (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    style={{ marginTop: 4 }}
                    loading={ack.isPending && ack.variables === cp.id}
                    onClick={() => ack.mutate(cp.id, { onError: (error) => handleError(error) })}
                    data-testid="portal-checkpoint-ack"
                  >
                    {t('disc.portal.acknowledge')}
                  </Button>
                ) : null}
              </div>
            ))}
          </Space>
        </Card>
      ) : null}
      {links.length ? (
        <Card
          size="small"
          title={t('disc.links.title')}
          style={{ marginBottom: 16 }}
          data-testid="portal-links"
        >
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {links.map((l) => (
              <div key={`${l.direction}:${l.id}`} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                <LinkKindTag kind={l.kind} />
                <Typography.Text delete={l.done}>{l.title}</Typography.Text>
                {l.done ? <Tag color="green">{t('disc.links.done')}</Tag> : null}
                {l.linkedCase ? (
                  <Link to={`/portal/cases/${l.linkedCase.id}`}>
                    {l.linkedCase.number} · {l.linkedCase.subject}
                  </Link>
                ) : null}
                {l.note ? (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap', width: '100%' }}>
                    {l.note}
                  </Typography.Text>
                ) : null}
              </div>
            ))}
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
