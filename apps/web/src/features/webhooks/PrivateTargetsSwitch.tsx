import { Alert, App, Card, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../lib/useApiError';
import { useIntegrationSettings, useSaveIntegrationSettings } from './api';

/** The administrator's switch that lets webhooks and bots reach loopback, private and link-local addresses. */
export function PrivateTargetsSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const settings = useIntegrationSettings();
  const save = useSaveIntegrationSettings();
  const data = settings.data;
  if (!data) return null;
  const canUpdate = data.actions.includes('update');
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Switch
            checked={data.allowPrivateTargets}
            disabled={!canUpdate}
            loading={save.isPending}
            data-testid="allow-private-targets"
            onChange={(checked) =>
              save.mutate(
                { allowPrivateTargets: checked, version: data.version },
                {
                  onSuccess: () => void message.success(t('common.saved')),
                  onError: (e) => handleError(e),
                },
              )
            }
          />
          <Typography.Text strong>{t('integrations.privateTargets')}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('integrations.privateTargetsHelp')}</Typography.Text>
        {data.allowPrivateTargets ? (
          <Alert type="warning" showIcon message={t('integrations.privateTargetsWarning')} />
        ) : null}
        {!canUpdate ? (
          <Typography.Text type="secondary">{t('integrations.adminOnly')}</Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
}
