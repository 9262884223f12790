import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisciplineSettings } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useDisciplineSettings, useSaveDisciplineSettings } from './api';

interface Values {
  checkpointLeadHours: number;
  summaryHoursS1: number | null;
  summaryHoursS2: number | null;
}

function SettingsForm({ settings }: { settings: DisciplineSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const save = useSaveDisciplineSettings();
  const [form] = Form.useForm<Values>();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{
        checkpointLeadHours: settings.checkpointLeadMinutes / 60,
        summaryHoursS1: settings.summaryHoursS1,
        summaryHoursS2: settings.summaryHoursS2,
      }}
      onFinish={(values) =>
        save.mutate(
          {
            checkpointLeadMinutes: Math.round(values.checkpointLeadHours * 60),
            summaryHoursS1: values.summaryHoursS1 ?? null,
            summaryHoursS2: values.summaryHoursS2 ?? null,
            version: settings.version,
          },
          {
            onSuccess: () => void message.success(t('disc.settings.saved')),
            onError: (error) =>
              handleError(error, {
                form,
                mapField: (f) => (f === 'checkpointLeadMinutes' ? 'checkpointLeadHours' : f),
              }),
          },
        )
      }
    >
      <Form.Item
        name="checkpointLeadHours"
        label={t('disc.settings.lead')}
        extra={t('disc.settings.leadHelp')}
        rules={[{ required: true, message: t('disc.required') }]}
      >
        <InputNumber
          min={0}
          max={720}
          step={1}
          addonAfter={t('disc.schedule.hours')}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item name="summaryHoursS1" label={t('disc.settings.s1')} extra={t('disc.settings.emptyOff')}>
        <InputNumber min={1} max={720} addonAfter={t('disc.schedule.hours')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="summaryHoursS2" label={t('disc.settings.s2')} extra={t('disc.settings.emptyOff')}>
        <InputNumber min={1} max={720} addonAfter={t('disc.schedule.hours')} style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** Workspace defaults of the case discipline: checkpoint reminder lead time, S1 / S2 summary schedules. */
export default function DisciplineSettingsPage() {
  const { t } = useTranslation();
  const settings = useDisciplineSettings();
  return (
    <div>
      <PageHeader title={t('disc.settings.nav')} subtitle={t('disc.settings.subtitle')} />
      <Card>
        {settings.isPending ? (
          <Skeleton active />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <SettingsForm key={settings.data.version} settings={settings.data} />
        )}
      </Card>
    </div>
  );
}
