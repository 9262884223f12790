import { Alert, Space, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';

/** What the customer is promised: "We will answer by …", and the service hours when they are closed. */
export function CommitmentCard({ commitment }: { commitment: Commitment | null | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!commitment || (!commitment.answerBy && !commitment.resolveBy && commitment.openNow)) return null;
  const hours = commitment.hours.join(t('cases.listSeparator'));
  return (
    <Alert
      type="info"
      showIcon
      icon={<ClockCircleOutlined />}
      data-testid="portal-commitment"
      style={{ marginBottom: 16 }}
      message={
        commitment.answerBy
          ? t('portalCases.answerBy', { answerBy: formatDateTime(commitment.answerBy, locale) })
          : t('portalCases.noAnswerOwed')
      }
      description={
        <Space direction="vertical" size={2}>
          {commitment.resolveBy ? (
            <Typography.Text>
              {t('portalCases.resolveBy', { resolveBy: formatDateTime(commitment.resolveBy, locale) })}
            </Typography.Text>
          ) : null}
          {!commitment.openNow ? (
            <Typography.Text type="secondary" data-testid="portal-commitment-hours">
              {t('portalCases.outsideHours', { hours: hours || '—' })}
            </Typography.Text>
          ) : null}
        </Space>
      }
    />
  );
}
