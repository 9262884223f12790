import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';

/** What a page shows when its data could not be loaded. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : status >= 500 ? '500' : 'warning';
  const title =
    status === 403
      ? t('errors.forbiddenTitle')
      : status === 404
        ? t('errors.notFoundTitle')
        : t('errors.loadFailedTitle');
  const subTitle = isApiError(error) ? error.message : t('errors.unexpected');
  return (
    <Result
      status={resultStatus}
      title={title}
      subTitle={subTitle}
      extra={
        onRetry && status !== 403 && status !== 404 ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
