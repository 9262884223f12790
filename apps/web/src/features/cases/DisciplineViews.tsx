import { Card, Descriptions, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Agreement, ClosingSummary, StatusSummary } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';

/** Pre-wrapped text written by people: keeps their line breaks. */
export function Prose({ text, testId }: { text: string; testId?: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
      {text || '—'}
    </Typography.Paragraph>
  );
}

/** 待客户确认 or 客户已确认 {time} by {name}. */
export function AgreementStateTag({ agreement, testId }: { agreement: Agreement; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const confirmed = agreement.confirmedAt !== null;
  return (
    <Tag
      color={confirmed ? 'green' : 'gold'}
      icon={confirmed ? <CheckCircleOutlined /> : <ClockCircleOutlined />}
      data-testid={testId}
      data-confirmed={confirmed ? 'true' : 'false'}
      style={{ whiteSpace: 'normal' }}
    >
      {confirmed
        ? t('discipline.agreement.confirmed', {
            time: formatDateTime(agreement.confirmedAt, locale),
            name: agreement.confirmedBy ?? t('discipline.someone'),
          })
        : t('discipline.agreement.awaiting')}
    </Tag>
  );
}

export function AgreementProposed({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('discipline.agreement.proposed', {
        name: agreement.proposedBy ?? t('discipline.someone'),
        time: formatDateTime(agreement.proposedAt, locale),
      })}
    </Typography.Text>
  );
}

/** One status summary: problem, done so far, difficulties, next steps, author and time. */
export function SummaryView({ summary }: { summary: StatusSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <Descriptions column={1} size="small" layout="vertical" colon={false}>
        <Descriptions.Item label={t('discipline.summary.problem')}>
          <Prose text={summary.problem} />
        </Descriptions.Item>
        <Descriptions.Item label={t('discipline.summary.doneSoFar')}>
          <Prose text={summary.doneSoFar} />
        </Descriptions.Item>
        <Descriptions.Item label={t('discipline.summary.difficulties')}>
          <Prose text={summary.difficulties} />
        </Descriptions.Item>
        <Descriptions.Item label={t('discipline.summary.nextSteps')}>
          <Prose text={summary.nextSteps} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('discipline.byAt', {
          name: summary.authorName ?? t('discipline.someone'),
          time: formatDateTime(summary.createdAt, locale),
        })}
      </Typography.Text>
    </>
  );
}

/** The cause, the fix and what the customer should know. */
export function ClosingSummaryCard({
  summary,
  testId,
  previous = false,
}: {
  summary: ClosingSummary;
  testId: string;
  previous?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card
      title={
        <span>
          <CheckCircleOutlined style={{ color: previous ? undefined : '#52c41a' }} />{' '}
          {previous ? t('discipline.closing.previous') : t('discipline.closing.title')}
        </span>
      }
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={testId}
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small" layout="vertical" colon={false}>
        <Descriptions.Item label={t('discipline.closing.cause')}>
          <Prose text={summary.cause} />
        </Descriptions.Item>
        <Descriptions.Item label={t('discipline.closing.fix')}>
          <Prose text={summary.fix} />
        </Descriptions.Item>
        <Descriptions.Item label={t('discipline.closing.customerNotes')}>
          <Prose text={summary.customerNotes} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('discipline.byAt', {
          name: summary.authorName ?? t('discipline.someone'),
          time: formatDateTime(summary.createdAt, locale),
        })}
      </Typography.Text>
    </Card>
  );
}
