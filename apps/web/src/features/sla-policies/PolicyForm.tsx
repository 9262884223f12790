import {
  App,
  Button,
  Col,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CaseSeverities,
  type CaseSeverity,
  type PolicyTargets,
  type SeverityTargets,
  type SlaPolicy,
  type SlaPolicyCreate,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useCalendars } from '../contracts/api';
import { useSaveSlaPolicy } from './api';
import { ConditionsFields, toConditionValues, toPolicyConditions, type ConditionValues } from './conditions';
import { formatServiceTime, parseServiceTime } from './duration';

const KINDS = [
  'firstResponse',
  'nextResponse',
  'resolution',
] as const satisfies readonly (keyof SeverityTargets)[];
type Kind = (typeof KINDS)[number];
const MAX_MINUTES = 1_000_000;

/** What a new policy starts with (the targets of the standard default policy). */
const NEW_TARGETS: PolicyTargets = {
  S1: { firstResponse: 60, nextResponse: 120, resolution: 480 },
  S2: { firstResponse: 240, nextResponse: 480, resolution: 1440 },
  S3: { firstResponse: 480, nextResponse: 960, resolution: 2880 },
  S4: { firstResponse: 960, nextResponse: 1920, resolution: 4800 },
};

interface Values {
  name: string;
  calendarId: string | undefined;
  conditions: ConditionValues;
  /** Service time as typed ("4h", "1d 2h"). */
  targets: Record<CaseSeverity, Record<Kind, string>>;
  /** Percentages, ascending. */
  warnAt: [number, number];
  active: boolean;
}

function toValues(p: SlaPolicy | null): Values {
  const targets = p?.targets ?? NEW_TARGETS;
  const text = (s: CaseSeverity) => ({
    firstResponse: formatServiceTime(targets[s].firstResponse),
    nextResponse: formatServiceTime(targets[s].nextResponse),
    resolution: formatServiceTime(targets[s].resolution),
  });
  const [w1 = 0.75, w2 = 0.9] = p?.warnAt ?? [];
  return {
    name: p?.name ?? '',
    calendarId: p?.calendarId,
    conditions: toConditionValues(p?.conditions),
    targets: { S1: text('S1'), S2: text('S2'), S3: text('S3'), S4: text('S4') },
    warnAt: [Math.round(w1 * 100), Math.round(w2 * 100)],
    active: p?.active ?? true,
  };
}

function minutes(text: string): number {
  return parseServiceTime(text) ?? 0;
}

function toBody(v: Values): SlaPolicyCreate {
  const sev = (s: CaseSeverity): SeverityTargets => ({
    firstResponse: minutes(v.targets[s].firstResponse),
    nextResponse: minutes(v.targets[s].nextResponse),
    resolution: minutes(v.targets[s].resolution),
  });
  return {
    name: v.name.trim(),
    ...(v.calendarId ? { calendarId: v.calendarId } : {}),
    conditions: toPolicyConditions(v.conditions),
    targets: { S1: sev('S1'), S2: sev('S2'), S3: sev('S3'), S4: sev('S4') },
    warnAt: [v.warnAt[0] / 100, v.warnAt[1] / 100],
    active: v.active,
  };
}

/**
 * Creates or edits an SLA policy: name, conditions, calendar, the S1–S4 targets in service time, warning
 * thresholds and the active flag. Saves with the version read (a stale edit gets the reload offer).
 */
export function PolicyForm({ policy, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveSlaPolicy();
  const handleError = useApiError();
  const { message } = App.useApp();
  const calendars = useCalendars();
  // On a phone the grid stacks: each cell then names its target itself.
  const narrow = !Grid.useBreakpoint().sm;
  const defaultCalendar = calendars.data?.find((c) => c.isDefault)?.id;
  const duration = {
    validator: (_: unknown, value: string | undefined) => {
      const m = parseServiceTime(value ?? '');
      if (m === null) return Promise.reject(new Error(t('slaPolicies.targets.invalid')));
      if (m < 1 || m > MAX_MINUTES) return Promise.reject(new Error(t('slaPolicies.targets.range')));
      return Promise.resolve();
    },
  };
  return (
    <Modal
      open
      width={880}
      title={policy ? t('slaPolicies.editTitle', { name: policy.name }) : t('slaPolicies.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="policy-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(policy)}
        data-testid="policy-form"
        onFinish={(v) => {
          const body = toBody(v);
          save.mutate(
            { id: policy?.id, body: policy ? { ...body, version: policy.version } : body },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) => handleError(error, { form }),
            },
          );
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('slaPolicies.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} data-testid="policy-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="calendarId"
              label={t('slaPolicies.calendar')}
              extra={t('slaPolicies.calendarHelp')}
            >
              <Select
                loading={calendars.isPending}
                placeholder={
                  defaultCalendar
                    ? t('slaPolicies.defaultCalendar', {
                        name: calendars.data?.find((c) => c.id === defaultCalendar)?.name,
                      })
                    : undefined
                }
                allowClear={!policy}
                options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                data-testid="policy-calendar"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('slaPolicies.when')}</Typography.Title>
        <ConditionsFields prefix={['conditions']} />
        <Typography.Title level={5}>{t('slaPolicies.targets.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('slaPolicies.targets.help')}</Typography.Paragraph>
        <Row gutter={8}>
          <Col xs={0} sm={3} />
          {KINDS.map((k) => (
            <Col xs={0} sm={7} key={k}>
              <Typography.Text strong>{t(`slaPolicies.targets.${k}`)}</Typography.Text>
            </Col>
          ))}
        </Row>
        {CaseSeverities.map((s) => (
          <Row gutter={8} key={s} align="top">
            <Col xs={24} sm={3} style={{ paddingTop: 5 }}>
              <Typography.Text strong>{s}</Typography.Text>
            </Col>
            {KINDS.map((k) => (
              <Col xs={24} sm={7} key={k}>
                <Form.Item
                  name={['targets', s, k]}
                  aria-label={`${s} ${t(`slaPolicies.targets.${k}`)}`}
                  rules={[duration]}
                  validateFirst
                >
                  <Input
                    addonBefore={narrow ? t(`slaPolicies.targets.${k}`) : undefined}
                    placeholder="4h"
                    data-testid={`policy-target-${s}-${k}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        ))}
        <Typography.Title level={5}>{t('slaPolicies.warnings.title')}</Typography.Title>
        <Row gutter={16}>
          {[0, 1].map((i) => (
            <Col xs={12} sm={8} key={i}>
              <Form.Item
                name={['warnAt', i]}
                label={t(i === 0 ? 'slaPolicies.warnings.first' : 'slaPolicies.warnings.second')}
                dependencies={i === 1 ? [['warnAt', 0]] : []}
                rules={[
                  { required: true, message: t('validation.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: number | null) =>
                      i === 1 && value !== null && value <= Number(getFieldValue(['warnAt', 0]))
                        ? Promise.reject(new Error(t('slaPolicies.warnings.ascending')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <InputNumber
                  min={1}
                  max={99}
                  precision={0}
                  suffix="%"
                  style={{ width: '100%' }}
                  data-testid={`policy-warn-${i}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary">{t('slaPolicies.warnings.help')}</Typography.Paragraph>
        <Form.Item name="active" label={t('slaPolicies.active')} valuePropName="checked">
          <Switch data-testid="policy-active-field" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
