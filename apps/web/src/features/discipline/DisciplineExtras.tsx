import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement, CaseLink, CaseLinkKind, Checkpoint, SummarySchedule } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import {
  useAddCheckpoint,
  useAddLink,
  useRemoveCheckpoint,
  useRemoveLink,
  useSendAgreementLink,
  useSetSummarySchedule,
  useUpdateCheckpoint,
  useUpdateLink,
} from './api';

const KIND_COLOR: Record<CaseLinkKind, string> = { blocking: 'red', follow_up: 'blue', separate: 'purple' };

export function LinkKindTag({ kind }: { kind: CaseLinkKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind]}>{t(`disc.links.kind.${kind}`)}</Tag>;
}

/** Done / missed / acknowledged tags of a checkpoint, the same on both sides. */
export function CheckpointTags({ checkpoint }: { checkpoint: Checkpoint }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {checkpoint.doneAt ? (
        <Tag color="green" data-testid="checkpoint-done">
          {t('disc.checkpoints.doneAt', { time: formatDateTime(checkpoint.doneAt, locale) })}
        </Tag>
      ) : checkpoint.missed ? (
        <Tag color="red" data-testid="checkpoint-missed">
          {t('disc.checkpoints.missed')}
        </Tag>
      ) : (
        <Tag color="gold">{t('disc.checkpoints.open')}</Tag>
      )}
      {checkpoint.acknowledgedAt ? (
        <Tag color="cyan" data-testid="checkpoint-acknowledged">
          {t('disc.checkpoints.acknowledged', {
            name: checkpoint.acknowledgedBy ?? t('discipline.someone'),
          })}
        </Tag>
      ) : null}
    </>
  );
}

function RelatedProblemsCard({
  caseId,
  links,
  editable,
}: {
  caseId: string;
  links: CaseLink[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const add = useAddLink(caseId);
  const update = useUpdateLink(caseId);
  const remove = useRemoveLink(caseId);
  const [form] = Form.useForm<{ kind: CaseLinkKind; title: string; note?: string }>();
  const kind = Form.useWatch('kind', form) ?? 'blocking';
  const onError = (error: unknown) => handleError(error);
  return (
    <Card size="small" title={t('disc.links.title')} data-testid="links-card">
      {links.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('disc.links.none')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <Space direction="vertical" size={10} style={{ width: '100%' }}>
          {links.map((l) => (
            <div
              key={`${l.direction}:${l.id}`}
              className="discipline-step"
              data-testid="link-row"
              data-kind={l.kind}
            >
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                {editable && l.direction === 'outgoing' && l.kind !== 'separate' ? (
                  <Checkbox
                    checked={l.done}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: l.id, done: e.target.checked }, { onError })}
                    data-testid="link-done"
                  />
                ) : null}
                <LinkKindTag kind={l.kind} />
                <Typography.Text strong delete={l.done}>
                  {l.title}
                </Typography.Text>
                {l.direction === 'incoming' ? <Tag>{t('disc.links.incoming')}</Tag> : null}
                {l.done ? <Tag color="green">{t('disc.links.done')}</Tag> : null}
              </div>
              {l.note ? (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {l.note}
                </Typography.Paragraph>
              ) : null}
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginTop: 4 }}>
                {l.linkedCase ? (
                  <Link to={`/app/cases/${l.linkedCase.id}`} data-testid="link-case">
                    {l.linkedCase.number} · {l.linkedCase.subject}
                  </Link>
                ) : null}
                {editable && l.direction === 'outgoing' && l.kind === 'follow_up' && !l.linkedCase ? (
                  <Button
                    size="small"
                    onClick={() =>
                      update.mutate(
                        { id: l.id, openCase: true },
                        { onSuccess: () => void message.success(t('disc.links.opened')), onError },
                      )
                    }
                  >
                    {t('disc.links.openCase')}
                  </Button>
                ) : null}
                {editable && l.direction === 'outgoing' ? (
                  <Popconfirm
                    title={t('disc.links.removeConfirm')}
                    onConfirm={() => remove.mutate(l.id, { onError })}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                    />
                  </Popconfirm>
                ) : null}
              </div>
            </div>
          ))}
        </Space>
      )}
      {editable ? (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{ kind: 'blocking' }}
          onFinish={(values) =>
            add.mutate(
              { kind: values.kind, title: values.title.trim(), note: values.note?.trim() ?? '' },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(
                    t(values.kind === 'separate' ? 'disc.links.separateCreated' : 'disc.links.added'),
                  );
                },
                onError: (error) => handleError(error, { form }),
              },
            )
          }
        >
          <Space.Compact block style={{ flexWrap: 'wrap' }}>
            <Form.Item name="kind" noStyle>
              <Select
                style={{ minWidth: 140 }}
                data-testid="link-kind"
                options={(['blocking', 'follow_up', 'separate'] as const).map((k) => ({
                  value: k,
                  label: t(`disc.links.kind.${k}`),
                }))}
              />
            </Form.Item>
          </Space.Compact>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0' }}>
            {t(`disc.links.help.${kind}`)} {t('disc.links.visible')}
          </Typography.Paragraph>
          <Form.Item
            name="title"
            rules={[{ required: true, whitespace: true, message: t('disc.required') }]}
            style={{ marginBottom: 8 }}
          >
            <Input maxLength={200} placeholder={t('disc.links.titlePlaceholder')} data-testid="link-title" />
          </Form.Item>
          <Form.Item name="note" style={{ marginBottom: 8 }}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={2000}
              placeholder={t('disc.note')}
            />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="link-add">
            {t('disc.links.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

function CheckpointRow({ caseId, cp, editable }: { caseId: string; cp: Checkpoint; editable: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const handleError = useApiError();
  const update = useUpdateCheckpoint(caseId);
  const remove = useRemoveCheckpoint(caseId);
  const onError = (error: unknown) => handleError(error);
  const version = cp.version ?? 1;
  return (
    <div className="discipline-step" data-testid="checkpoint-row" data-missed={cp.missed ? 'true' : 'false'}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        {editable ? (
          <Checkbox
            checked={cp.doneAt !== null}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: cp.id, done: e.target.checked, version }, { onError })}
            data-testid="checkpoint-toggle"
          />
        ) : null}
        <Typography.Text strong delete={cp.doneAt !== null}>
          {cp.title}
        </Typography.Text>
        <Typography.Text type={cp.missed ? 'danger' : 'secondary'}>
          {t('disc.checkpoints.dueAt', { time: formatDateTime(cp.dueAt, locale) })}
        </Typography.Text>
        <CheckpointTags checkpoint={cp} />
      </div>
      {cp.note ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
          {cp.note}
        </Typography.Paragraph>
      ) : null}
      {editable ? (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 4 }}>
          <DatePicker
            size="small"
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={dayjs(cp.dueAt)}
            allowClear={false}
            onChange={(value: Dayjs | null) => {
              if (value) update.mutate({ id: cp.id, dueAt: value.toISOString(), version }, { onError });
            }}
            aria-label={t('disc.checkpoints.move')}
          />
          <Popconfirm
            title={t('disc.checkpoints.removeConfirm')}
            onConfirm={() => remove.mutate(cp.id, { onError })}
          >
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
            />
          </Popconfirm>
        </div>
      ) : null}
    </div>
  );
}

function CheckpointsCard({
  caseId,
  checkpoints,
  editable,
}: {
  caseId: string;
  checkpoints: Checkpoint[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const add = useAddCheckpoint(caseId);
  const [form] = Form.useForm<{ title: string; dueAt: Dayjs; note?: string }>();
  return (
    <Card size="small" title={t('disc.checkpoints.title')} data-testid="checkpoints-card">
      {checkpoints.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('disc.checkpoints.none')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <Space direction="vertical" size={10} style={{ width: '100%' }}>
          {checkpoints.map((cp) => (
            <CheckpointRow key={`${cp.id}:${cp.version ?? 0}`} caseId={caseId} cp={cp} editable={editable} />
          ))}
        </Space>
      )}
      {editable ? (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={(values) =>
            add.mutate(
              {
                title: values.title.trim(),
                dueAt: values.dueAt.toISOString(),
                note: values.note?.trim() ?? '',
              },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('disc.checkpoints.added'));
                },
                onError: (error) => handleError(error, { form }),
              },
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
            {t('disc.checkpoints.help')}
          </Typography.Paragraph>
          <Form.Item
            name="title"
            rules={[{ required: true, whitespace: true, message: t('disc.required') }]}
            style={{ marginBottom: 8 }}
          >
            <Input
              maxLength={200}
              placeholder={t('disc.checkpoints.titlePlaceholder')}
              data-testid="checkpoint-title"
            />
          </Form.Item>
          <Form.Item
            name="dueAt"
            rules={[{ required: true, message: t('disc.required') }]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              placeholder={t('disc.checkpoints.duePlaceholder')}
              data-testid="checkpoint-due"
            />
          </Form.Item>
          <Form.Item name="note" style={{ marginBottom: 8 }}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={2000}
              placeholder={t('disc.note')}
            />
          </Form.Item>
          <Button
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="checkpoint-add"
          >
            {t('disc.checkpoints.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** "Next summary due by …" with the overdue flag, and the case's own schedule for agents to change. */
export function SummaryScheduleCard({
  caseId,
  schedule,
  editable,
}: {
  caseId: string;
  schedule: SummarySchedule | null | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const handleError = useApiError();
  const save = useSetSummarySchedule(caseId);
  const [hours, setHours] = useState<number | null>(schedule?.everyHours ?? null);
  const onError = (error: unknown) => handleError(error);
  return (
    <Card size="small" title={t('disc.schedule.title')} data-testid="summary-schedule">
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {schedule?.nextDueAt ? (
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
            <Typography.Text data-testid="summary-next-due">
              {t('disc.schedule.nextDue', { time: formatDateTime(schedule.nextDueAt, locale) })}
            </Typography.Text>
            {schedule.overdue ? (
              <Tag color="red" data-testid="summary-overdue">
                {t('disc.schedule.overdue')}
              </Tag>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('disc.schedule.none')}</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {schedule?.everyHours
            ? t(schedule.custom ? 'disc.schedule.everyCustom' : 'disc.schedule.everyDefault', {
                hours: schedule.everyHours,
              })
            : schedule?.custom
              ? t('disc.schedule.offCustom')
              : t('disc.schedule.offDefault')}
        </Typography.Text>
        {editable ? (
          <Space wrap size={8}>
            <InputNumber
              min={1}
              max={720}
              value={hours}
              onChange={(v) => setHours(typeof v === 'number' ? v : null)}
              addonAfter={t('disc.schedule.hours')}
              style={{ width: 150 }}
              data-testid="summary-every"
            />
            <Button
              size="small"
              disabled={!hours}
              loading={save.isPending}
              onClick={() => save.mutate({ everyHours: hours }, { onError })}
            >
              {t('common.save')}
            </Button>
            {schedule?.everyHours ? (
              <Button size="small" onClick={() => save.mutate({ everyHours: null }, { onError })}>
                {t('disc.schedule.turnOff')}
              </Button>
            ) : null}
            {schedule?.custom ? (
              <Button
                size="small"
                type="link"
                onClick={() => save.mutate({ everyHours: null, useDefault: true }, { onError })}
              >
                {t('disc.schedule.useDefault')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}

/** Mails the agreed outcome to the contact with a single-use confirmation link. */
export function SendAgreementLink({ caseId, agreement }: { caseId: string; agreement: Agreement | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const send = useSendAgreementLink(caseId);
  if (!agreement || agreement.confirmedAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      message={t('disc.link.help')}
      action={
        <Button
          size="small"
          icon={<MailOutlined />}
          loading={send.isPending}
          onClick={() =>
            send.mutate(undefined, {
              onSuccess: (sent) => void message.success(t('disc.link.sent', { to: sent.sentTo })),
              onError: (error) => handleError(error),
            })
          }
          data-testid="agreement-send-link"
        >
          {t('disc.link.send')}
        </Button>
      }
    />
  );
}

/** Related problems and checkpoints of a case for staff (inside the discipline tab). */
export function DisciplineExtras({
  caseId,
  links,
  checkpoints,
  agreement,
  editable,
}: {
  caseId: string;
  links: CaseLink[];
  checkpoints: Checkpoint[];
  agreement: Agreement | null;
  editable: boolean;
}) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="discipline-extras">
      {editable ? <SendAgreementLink caseId={caseId} agreement={agreement} /> : null}
      <CheckpointsCard caseId={caseId} checkpoints={checkpoints} editable={editable} />
      <RelatedProblemsCard caseId={caseId} links={links} editable={editable} />
    </Space>
  );
}

/** In the solve dialog: open blocking items stop solving; open follow-ups are listed for after. */
export function SolveOpenItems({ links }: { links: CaseLink[] | undefined }) {
  const { t } = useTranslation();
  const mine = (links ?? []).filter((l) => l.direction === 'outgoing' && !l.done);
  const blocking = mine.filter((l) => l.kind === 'blocking');
  const followUps = mine.filter((l) => l.kind === 'follow_up');
  if (!blocking.length && !followUps.length) return null;
  return (
    <Space
      direction="vertical"
      size={8}
      style={{ width: '100%', marginBottom: 12 }}
      data-testid="solve-open-items"
    >
      {blocking.length ? (
        <Alert
          type="error"
          showIcon
          message={t('disc.solve.blocking')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {blocking.map((l) => (
                <li key={l.id}>{l.title}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {followUps.length ? (
        <Alert
          type="info"
          showIcon
          message={t('disc.solve.followUps')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="solve-follow-ups">
              {followUps.map((l) => (
                <li key={l.id}>{l.title}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Space>
  );
}
