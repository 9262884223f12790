import { Button, Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ReloadOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MessageDelivery } from '@aftercare/contracts';
import { useCan } from '../auth/session';
import { useApiError } from '../../lib/useApiError';
import { useRetryMail } from './api';

/** What became of the mail of a public reply: sent, queued, retrying or failed (with the error and "retry now"). */
export function DeliveryTag({ caseId, delivery }: { caseId: string; delivery: MessageDelivery }) {
  const { t } = useTranslation();
  const can = useCan();
  const retry = useRetryMail(caseId);
  const handleError = useApiError();
  const failed = delivery.status === 'failed' || delivery.status === 'bounced';
  const retrying = delivery.status !== 'sent' && !failed && delivery.attempts > 0;
  const tag = failed ? (
    <Tag color="error" icon={<CloseCircleOutlined />} data-testid="delivery-failed">
      {t(delivery.status === 'bounced' ? 'mailOut.delivery.bounced' : 'mailOut.delivery.failed')}
    </Tag>
  ) : delivery.status === 'sent' ? (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="delivery-sent">
      {t('mailOut.delivery.sent')}
    </Tag>
  ) : retrying ? (
    <Tag color="warning" icon={<SyncOutlined />} data-testid="delivery-retrying">
      {t('mailOut.delivery.retrying', { attempts: delivery.attempts })}
    </Tag>
  ) : (
    <Tag icon={<ClockCircleOutlined />} data-testid="delivery-queued">
      {t('mailOut.delivery.queued')}
    </Tag>
  );
  const title = [t('mailOut.delivery.to', { to: delivery.to }), delivery.lastError]
    .filter(Boolean)
    .join('\n');
  return (
    <>
      <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{title}</span>}>{tag}</Tooltip>
      {failed && can('cases.write') ? (
        <Button
          size="small"
          type="link"
          icon={<ReloadOutlined />}
          loading={retry.isPending}
          data-testid="delivery-retry"
          onClick={() => retry.mutate(delivery.mailId, { onError: (error) => handleError(error) })}
        >
          {t('mailOut.delivery.retry')}
        </Button>
      ) : null}
    </>
  );
}
