import { useEffect, useMemo } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { CopyOutlined, DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ServiceCalendar } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useCalendarPreview, useUpdateCalendar } from './api';
import { shiftValue, timeZoneOptions, toSpec, toValues, WEEK, type EditorValues } from './spec';

/** Weekly shifts, zone, own holidays / 调休 workdays of one calendar; saved with its version. */
export function CalendarEditor({
  calendar,
  onImport,
}: {
  calendar: ServiceCalendar;
  /** Opens the iCal import (kept outside the editor, which is remounted when the calendar changes). */
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const update = useUpdateCalendar();
  const handleError = useApiError();
  const editable = calendar.actions.includes('update');
  const initial = useMemo(() => toValues(calendar.name, calendar.spec), [calendar]);
  // A saved, imported or reloaded version replaces what the form shows (the form stays mounted, so the
  // save's own callbacks still run).
  useEffect(() => form.resetFields(), [form, initial]);
  const zone = Form.useWatch('timeZone', form);
  const zones = useMemo(() => timeZoneOptions(zone ?? initial.timeZone), [zone, initial.timeZone]);
  const required = [{ required: true, message: t('validation.required') }];

  const copyMonday = () => {
    const monday = form.getFieldValue(['weekly', 1]) as EditorValues['weekly'][number];
    for (const d of [2, 3, 4, 5])
      form.setFieldValue(
        ['weekly', d],
        monday.map((s) => ({ ...s })),
      );
  };
  const allDay = () => {
    for (const d of WEEK) form.setFieldValue(['weekly', d], [shiftValue('00:00', '24:00')]);
  };

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={initial}
      onFinish={() => {
        const values = form.getFieldsValue(true) as EditorValues;
        const { spec, mapField } = toSpec(values, calendar.spec);
        update.mutate(
          { id: calendar.id, name: values.name, spec, version: calendar.version },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (error) => handleError(error, { form, mapField }),
          },
        );
      }}
    >
      {!editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('calendars.readOnly')} />
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('calendars.sections.general')}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="name" label={t('calendars.name')} rules={required}>
                <Input maxLength={200} data-testid="calendar-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={required}>
                <Select showSearch options={zones} data-testid="calendar-zone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="useChinaOfficial"
                label={t('calendars.chinaOfficial')}
                valuePropName="checked"
                tooltip={t('calendars.chinaOfficialHelp')}
              >
                <Switch data-testid="calendar-china" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          size="small"
          title={t('calendars.sections.weekly')}
          extra={
            editable ? (
              <Space wrap size={4}>
                <Button size="small" icon={<CopyOutlined />} onClick={copyMonday} data-testid="copy-monday">
                  {t('calendars.copyMonday')}
                </Button>
                <Button size="small" onClick={allDay} data-testid="preset-247">
                  {t('calendars.preset247')}
                </Button>
              </Space>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('calendars.weeklyHelp')}
          </Typography.Paragraph>
          {WEEK.map((d) => (
            <Row key={d} gutter={8} align="top" data-testid={`weekday-${d}`}>
              <Col xs={24} sm={4} style={{ paddingTop: 5 }}>
                <Typography.Text strong>{t(`calendars.weekday.${d}`)}</Typography.Text>
              </Col>
              <Col xs={24} sm={20}>
                <Form.List name={['weekly', d]}>
                  {(fields, { add, remove }) => (
                    <Space wrap align="start" size={[8, 0]}>
                      {fields.length === 0 ? (
                        <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                          {t('calendars.closed')}
                        </Typography.Text>
                      ) : null}
                      {fields.map((f) => (
                        <Space.Compact key={f.key}>
                          <Form.Item
                            name={[f.name, 'range']}
                            rules={[{ required: true, message: t('validation.required') }]}
                          >
                            <TimePicker.RangePicker
                              format="HH:mm"
                              order={false}
                              needConfirm={false}
                              style={{ width: 190 }}
                              data-testid={`shift-${d}-${f.name}`}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined />}
                            onClick={() => remove(f.name)}
                            aria-label={t('calendars.removeShift')}
                            data-testid={`shift-${d}-${f.name}-remove`}
                          />
                        </Space.Compact>
                      ))}
                      {editable && fields.length < 12 ? (
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => add({ range: null })}
                          data-testid={`shift-${d}-add`}
                        >
                          {t('calendars.addShift')}
                        </Button>
                      ) : null}
                    </Space>
                  )}
                </Form.List>
              </Col>
            </Row>
          ))}
        </Card>

        <Card
          size="small"
          title={t('calendars.sections.dates')}
          extra={
            editable ? (
              <Button size="small" icon={<ImportOutlined />} onClick={onImport} data-testid="ics-open">
                {t('calendars.ics.open')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('calendars.datesHelp')}
          </Typography.Paragraph>
          <Form.List name="dates">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 ? (
                  <Typography.Paragraph type="secondary">{t('calendars.noDates')}</Typography.Paragraph>
                ) : null}
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={12} sm={7}>
                      <Form.Item name={[f.name, 'date']} rules={required}>
                        <DatePicker style={{ width: '100%' }} data-testid={`date-${f.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={[f.name, 'kind']}>
                        <Select
                          data-testid={`date-${f.name}-kind`}
                          options={[
                            { value: 'holiday', label: t('calendars.kind.holiday') },
                            { value: 'workday', label: t('calendars.kind.workday') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={9}>
                      <Form.Item name={[f.name, 'name']}>
                        <Input
                          maxLength={100}
                          placeholder={t('calendars.dateName')}
                          data-testid={`date-${f.name}-name`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2}>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('common.delete')}
                      />
                    </Col>
                  </Row>
                ))}
                {editable ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ date: null, kind: 'holiday' })}
                    data-testid="date-add"
                  >
                    {t('calendars.addDate')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
          {calendar.spec.useChinaOfficial ? <OfficialDays calendarId={calendar.id} /> : null}
        </Card>

        {editable ? (
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="calendar-save">
            {t('common.save')}
          </Button>
        ) : null}
      </Space>
    </Form>
  );
}

/** The official mainland-China days of the next three months, as the server resolves them (read-only). */
function OfficialDays({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const from = dayjs().format('YYYY-MM-DD');
  const { data, isPending, error } = useCalendarPreview(calendarId, from, 92);
  const days = (data?.days ?? []).filter((d) => d.source === 'china-official');
  return (
    <div style={{ marginTop: 16 }} data-testid="official-days">
      <Typography.Text strong>{t('calendars.official.title')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('calendars.official.help')}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon message={error.message} />
      ) : (
        <Table
          size="small"
          rowKey="date"
          loading={isPending}
          pagination={false}
          scroll={{ y: 240 }}
          dataSource={days}
          locale={{ emptyText: t('calendars.official.none') }}
          columns={[
            { title: t('calendars.date'), dataIndex: 'date' },
            {
              title: t('calendars.kindLabel'),
              dataIndex: 'kind',
              render: (k: string) => (
                <Tag color={k === 'holiday' ? 'red' : 'orange'}>{t(`calendars.kind.${k}`)}</Tag>
              ),
            },
            { title: t('calendars.dateName'), dataIndex: 'name' },
          ]}
        />
      )}
    </div>
  );
}
