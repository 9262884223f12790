import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../pages/NotFoundPage';

/** Last line of defence: a render error or an unknown route inside an area. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const chunkFailed =
    error instanceof Error && /dynamically imported module|Importing a module/i.test(error.message);
  return (
    <Result
      status="500"
      title={chunkFailed ? t('errors.newVersionTitle') : t('errors.crashTitle')}
      subTitle={chunkFailed ? t('errors.newVersionText') : t('errors.crashText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
