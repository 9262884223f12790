import { App, Card, List, Skeleton, Switch, Tag, Typography } from 'antd';
import {
  BarChartOutlined,
  BookOutlined,
  CarOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  HeartOutlined,
  NotificationOutlined,
  RollbackOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModuleKeys, type ModuleKey } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useUpdateWorkspace, useWorkspace } from '../../features/settings/api';

const ICONS: Record<ModuleKey, ReactNode> = {
  helpdesk: <CustomerServiceOutlined />,
  returns: <RollbackOutlined />,
  deliveries: <CarOutlined />,
  visits: <EnvironmentOutlined />,
  surveys: <SmileOutlined />,
  knowledge: <BookOutlined />,
  forum: <CommentOutlined />,
  announcements: <NotificationOutlined />,
  care: <HeartOutlined />,
  contracts: <FileProtectOutlined />,
  reports: <BarChartOutlined />,
};

/** One switch per module; each change is saved at once, then the menu refreshes from /auth/me. */
export default function ModulesPage() {
  const { t } = useTranslation();
  const { data: workspace, isPending, error, refetch } = useWorkspace();
  const update = useUpdateWorkspace();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [saving, setSaving] = useState<ModuleKey | null>(null);

  const toggle = (key: ModuleKey, on: boolean) => {
    if (!workspace) return;
    setSaving(key);
    update.mutate(
      { modules: { [key]: on }, version: workspace.version },
      {
        onSuccess: () =>
          void message.success(
            on
              ? t('modules.turnedOn', { name: t(`modules.${key}.name`) })
              : t('modules.turnedOff', { name: t(`modules.${key}.name`) }),
          ),
        onError: (err) => handleError(err, { onReload: () => void refetch() }),
        onSettled: () => setSaving(null),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('nav.modules')} subtitle={t('modules.subtitle')} />
      <Card>
        {isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <List
            itemLayout="horizontal"
            dataSource={[...ModuleKeys]}
            renderItem={(key) => (
              <List.Item
                data-testid={`module-${key}`}
                actions={[
                  <Switch
                    key="switch"
                    checked={workspace.modules[key]}
                    loading={saving === key}
                    disabled={saving !== null && saving !== key}
                    onChange={(on) => toggle(key, on)}
                    data-testid={`module-switch-${key}`}
                    aria-label={t(`modules.${key}.name`)}
                  />,
                ]}
              >
                <List.Item.Meta
                  avatar={<span style={{ fontSize: 24, color: '#1677ff' }}>{ICONS[key]}</span>}
                  title={
                    <span>
                      {t(`modules.${key}.name`)}{' '}
                      {workspace.modules[key] ? (
                        <Tag color="green">{t('modules.on')}</Tag>
                      ) : (
                        <Tag>{t('modules.off')}</Tag>
                      )}
                    </span>
                  }
                  description={
                    <Typography.Text type="secondary">{t(`modules.${key}.description`)}</Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
