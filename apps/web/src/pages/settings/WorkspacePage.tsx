import { App, Button, Card, Form, Input, Select, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@aftercare/contracts';
import { LANGUAGES } from '../../lib/i18n';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useUpdateWorkspace, useWorkspace, type Workspace } from '../../features/settings/api';

interface Values {
  name: string;
  timezone: string;
  defaultLocale: Locale;
}

const FALLBACK_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : [...zones, 'UTC'];
  } catch {
    return FALLBACK_ZONES;
  }
}

function WorkspaceForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateWorkspace();
  const handleError = useApiError();
  const { message } = App.useApp();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{
        name: workspace.name,
        timezone: workspace.timezone,
        defaultLocale: workspace.defaultLocale,
      }}
      onFinish={(values) =>
        update.mutate(
          { ...values, name: values.name.trim(), version: workspace.version },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (error) => handleError(error, { form }),
          },
        )
      }
    >
      <Form.Item label={t('workspace.slug')} extra={t('workspace.slugHelp')}>
        <Input value={workspace.slug} disabled />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('workspace.name')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input data-testid="workspace-name-input" />
      </Form.Item>
      <Form.Item
        name="timezone"
        label={t('workspace.timezone')}
        extra={t('workspace.timezoneHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select showSearch options={zones} data-testid="workspace-timezone" />
      </Form.Item>
      <Form.Item
        name="defaultLocale"
        label={t('workspace.defaultLocale')}
        extra={t('workspace.defaultLocaleHelp')}
      >
        <Select options={LANGUAGES} data-testid="workspace-locale" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="workspace-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export default function WorkspacePage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useWorkspace();
  return (
    <>
      <PageHeader title={t('nav.workspace')} subtitle={t('workspace.subtitle')} />
      <Card>
        {isPending ? (
          <Skeleton active />
        ) : error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <WorkspaceForm key={data.version} workspace={data} />
        )}
      </Card>
    </>
  );
}
