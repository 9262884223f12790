import { Alert, Button, Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { AuthLayout } from '../auth/AuthLayout';
import { useAgreementLink, useConfirmAgreementLink } from './api';

/**
 * The public page of the confirmation link mailed with an agreed outcome: no sign-in; shows the agreement and
 * confirms it once. A used, expired or replaced link says so.
 */
export function ConfirmAgreementPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const view = useAgreementLink(token);
  const confirm = useConfirmAgreementLink(token);
  const failed = !token || view.error || (confirm.error && isApiError(confirm.error, 'token_invalid'));
  const a = view.data;
  return (
    <AuthLayout title={t('disc.confirm.title')}>
      {failed && !a?.confirmedAt ? (
        <div data-testid="confirm-invalid">
          <Result
            status="warning"
            title={t('auth.linkInvalidTitle')}
            subTitle={
              isApiError(view.error)
                ? view.error.message
                : isApiError(confirm.error)
                  ? confirm.error.message
                  : t('auth.linkMissing')
            }
          />
        </div>
      ) : !a ? (
        <Skeleton active />
      ) : (
        <Card size="small" data-testid="confirm-agreement">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('disc.confirm.case')}>
              {a.caseNumber} · {a.caseSubject}
            </Descriptions.Item>
            <Descriptions.Item label={t('disc.confirm.from')}>
              {a.workspaceName}
              {a.proposedBy ? ` · ${a.proposedBy}` : ''} · {formatDateTime(a.proposedAt, locale)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', fontSize: 15, margin: '12px 0' }}
            data-testid="confirm-text"
          >
            {a.text}
          </Typography.Paragraph>
          {a.confirmedAt ? (
            <Alert
              type="success"
              showIcon
              data-testid="confirm-done"
              message={t('disc.confirm.done', { time: formatDateTime(a.confirmedAt, locale) })}
            />
          ) : (
            <>
              {confirm.isError && !isApiError(confirm.error, 'token_invalid') ? (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={isApiError(confirm.error) ? confirm.error.message : t('errors.unexpected')}
                />
              ) : null}
              <Typography.Paragraph type="secondary">{t('disc.confirm.help')}</Typography.Paragraph>
              <Button
                type="primary"
                block
                icon={<CheckOutlined />}
                loading={confirm.isPending}
                onClick={() => confirm.mutate()}
                data-testid="confirm-submit"
              >
                {t('disc.confirm.submit')}
              </Button>
            </>
          )}
        </Card>
      )}
    </AuthLayout>
  );
}
