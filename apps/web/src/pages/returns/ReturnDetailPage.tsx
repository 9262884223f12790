import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReturnMail, ReturnRequest, ReturnReview, Verdict } from '@aftercare/contracts';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useApiError } from '../../lib/useApiError';
import { useReturn, useReturnAction } from '../../features/returns/api';
import {
  ReturnFacts,
  ReturnLines,
  ReturnStatusTag,
  ReturnTimeline,
  yuan,
} from '../../features/returns/ReturnParts';

interface VerdictValues {
  verdict: Verdict;
  comment?: string;
  refund?: number;
  fee?: number;
  logistics?: 'pickup' | 'send_back';
  inspectionNeeded?: boolean;
}

const cents = (v: number | undefined) => (v === undefined || v === null ? undefined : Math.round(v * 100));

function VerdictForm({ r, review }: { r: ReturnRequest; review: ReturnReview }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerdictValues>();
  const act = useReturnAction(r.id);
  const handleError = useApiError();
  const { message } = App.useApp();
  const kind = review.departmentKind;
  return (
    <Form<VerdictValues>
      form={form}
      layout="vertical"
      initialValues={{ verdict: 'approved' }}
      data-testid={`verdict-form-${kind}`}
      onFinish={(v) =>
        act.mutate(
          {
            path: `reviews/${review.departmentId}`,
            body: {
              verdict: v.verdict,
              ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
              conditions: {
                ...(cents(v.refund) !== undefined ? { refundCents: cents(v.refund) } : {}),
                ...(cents(v.fee) !== undefined ? { restockingFeeCents: cents(v.fee) } : {}),
                ...(v.logistics ? { logistics: v.logistics } : {}),
                ...(v.inspectionNeeded ? { inspectionNeeded: true } : {}),
              },
            },
          },
          {
            onSuccess: () => void message.success(t('returns.done')),
            onError: (e) => handleError(e, { form }),
          },
        )
      }
    >
      <Form.Item name="verdict" label={t('returns.verdict')}>
        <Radio.Group
          optionType="button"
          options={(['approved', 'rejected', 'needs_info'] as const).map((v) => ({
            value: v,
            label: t(`returns.reviewStatuses.${v}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('returns.comment')}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10_000} />
      </Form.Item>
      {kind === 'finance' ? (
        <Space wrap>
          <Form.Item name="refund" label={t('returns.refundCents')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Form.Item name="fee" label={t('returns.restockingFeeCents')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
        </Space>
      ) : null}
      {kind === 'logistics' ? (
        <Form.Item name="logistics" label={t('returns.logistics')}>
          <Select
            allowClear
            options={(['pickup', 'send_back'] as const).map((o) => ({
              value: o,
              label: t(`returns.logisticsOptions.${o}`),
            }))}
          />
        </Form.Item>
      ) : null}
      {kind === 'technical' ? (
        <Form.Item name="inspectionNeeded" valuePropName="checked">
          <Checkbox>{t('returns.inspectionNeeded')}</Checkbox>
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={act.isPending} data-testid={`verdict-submit-${kind}`}>
        {t('returns.giveVerdict')}
      </Button>
    </Form>
  );
}

function ReviewCard({ r, review }: { r: ReturnRequest; review: ReturnReview }) {
  const { t } = useTranslation();
  const mine = r.actions.includes(`review:${review.departmentId}`);
  const c = review.conditions;
  return (
    <Card
      size="small"
      title={review.departmentName}
      data-testid={`review-${review.departmentKind}`}
      data-status={review.status}
      extra={
        <Space>
          {review.late ? <Tag color="red">{t('returns.late')}</Tag> : null}
          <Tag
            color={
              review.status === 'approved'
                ? 'green'
                : review.status === 'rejected'
                  ? 'red'
                  : review.status === 'needs_info'
                    ? 'orange'
                    : 'default'
            }
          >
            {t(`returns.reviewStatuses.${review.status}`)}
          </Tag>
        </Space>
      }
    >
      {review.reviewedAt ? (
        <Typography.Paragraph type="secondary">
          {t('returns.reviewedBy', {
            name: review.reviewerName ?? '',
            at: dayjs(review.reviewedAt).format('YYYY-MM-DD HH:mm'),
          })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">
          {t('returns.reviewDue')}: {dayjs(review.dueAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Paragraph>
      )}
      {review.comment ? <Typography.Paragraph>{review.comment}</Typography.Paragraph> : null}
      {c.refundCents !== undefined ? (
        <div>
          {t('returns.refundCents')}: {yuan(c.refundCents)}
        </div>
      ) : null}
      {c.restockingFeeCents !== undefined ? (
        <div>
          {t('returns.restockingFeeCents')}: {yuan(c.restockingFeeCents)}
        </div>
      ) : null}
      {c.logistics ? (
        <div>
          {t('returns.logistics')}: {t(`returns.logisticsOptions.${c.logistics}`)}
        </div>
      ) : null}
      {c.inspectionNeeded ? <div>{t('returns.inspectionNeeded')}</div> : null}
      {mine ? <VerdictForm r={r} review={review} /> : null}
    </Card>
  );
}

/** The steps after the decision, for managers: pickup, tracking, receipt, inspection, outcome, cancel. */
function StepActions({ r }: { r: ReturnRequest }) {
  const { t } = useTranslation();
  const act = useReturnAction(r.id);
  const handleError = useApiError();
  const { message } = App.useApp();
  const run = (path: string, body: unknown = {}) =>
    act.mutate(
      { path, body },
      { onSuccess: () => void message.success(t('returns.done')), onError: (e) => handleError(e) },
    );
  const can = (a: string) => r.actions.includes(a);
  if (!['schedule_pickup', 'ship', 'receive', 'inspect', 'complete', 'cancel'].some(can)) return null;
  return (
    <Card title={t('returns.timeline')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        {can('schedule_pickup') ? (
          <Form
            layout="inline"
            onFinish={(v: { at: Dayjs }) => run('pickup', { pickupAt: v.at.toISOString() })}
          >
            <Form.Item name="at" rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <Button htmlType="submit" data-testid="return-action-pickup">
              {t('returns.actions.pickup')}
            </Button>
          </Form>
        ) : null}
        {can('ship') ? (
          <Form layout="inline" onFinish={(v: { trackingNumber: string }) => run('ship', v)}>
            <Form.Item name="trackingNumber" rules={[{ required: true, whitespace: true }]}>
              <Input placeholder={t('returns.trackingNumber')} maxLength={100} />
            </Form.Item>
            <Button htmlType="submit">{t('returns.actions.ship')}</Button>
          </Form>
        ) : null}
        {can('receive') ? (
          <Button onClick={() => run('receive')} data-testid="return-action-receive">
            {t('returns.actions.receive')}
          </Button>
        ) : null}
        {can('inspect') ? (
          <Form
            layout="inline"
            initialValues={{ passed: true }}
            onFinish={(v: { passed: boolean; note?: string }) => run('inspect', v)}
          >
            <Form.Item name="passed" valuePropName="checked">
              <Checkbox>{t('returns.inspectionPassed')}</Checkbox>
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={t('returns.note')} maxLength={1000} />
            </Form.Item>
            <Button htmlType="submit" data-testid="return-action-inspect">
              {t('returns.actions.inspect')}
            </Button>
          </Form>
        ) : null}
        {can('complete') ? (
          <Form
            layout="inline"
            onFinish={(v: { refund?: number; replacementOrderId?: string; repairCaseId?: string }) =>
              run('complete', {
                ...(v.refund !== undefined && v.refund !== null
                  ? { refundCents: Math.round(v.refund * 100) }
                  : {}),
                ...(v.replacementOrderId ? { replacementOrderId: v.replacementOrderId } : {}),
                ...(v.repairCaseId ? { repairCaseId: v.repairCaseId } : {}),
              })
            }
          >
            {r.outcome === 'refund' ? (
              <Form.Item name="refund" rules={[{ required: true }]}>
                <InputNumber
                  min={0}
                  precision={2}
                  placeholder={t('returns.refundCents')}
                  data-testid="return-refund"
                />
              </Form.Item>
            ) : r.outcome === 'repair' ? (
              <Form.Item name="repairCaseId" rules={[{ required: true }]}>
                <Input placeholder={t('returns.repairCaseId')} />
              </Form.Item>
            ) : (
              <Form.Item name="replacementOrderId" rules={[{ required: true }]}>
                <Input placeholder={t('returns.replacementOrderId')} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" data-testid="return-action-complete">
              {t('returns.actions.complete')}
            </Button>
          </Form>
        ) : null}
        {can('cancel') ? (
          <Button danger onClick={() => run('cancel')}>
            {t('returns.actions.cancel')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

/** One return: every department's review side by side, the verdict form of your department, the steps. */
export default function ReturnDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const r = useReturn(id);
  if (r.isPending) return <Spin />;
  if (r.isError) return <QueryError error={r.error} onRetry={() => void r.refetch()} />;
  const x = r.data;
  return (
    <>
      <PageHeader
        title={x.number}
        subtitle={x.customerName}
        tags={
          <Space>
            <ReturnStatusTag status={x.status} />
            <Tag>{t(`returns.rules.${x.rule}`)}</Tag>
            <Tag>{t('returns.round', { round: x.round })}</Tag>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card>
            <ReturnFacts
              items={[
                { label: t('returns.reason'), value: x.reason.label },
                { label: t('returns.outcome'), value: t(`returns.outcomes.${x.outcome}`) },
                { label: t('returns.decisionDue'), value: dayjs(x.decisionDueAt).format('YYYY-MM-DD HH:mm') },
                {
                  label: t('returns.decision'),
                  value: x.decision ? t(`returns.statuses.${x.decision}`) : '—',
                },
                ...(x.trackingNumber
                  ? [{ label: t('returns.trackingNumber'), value: x.trackingNumber }]
                  : []),
                ...(x.refundCents !== null
                  ? [{ label: t('returns.refundCents'), value: yuan(x.refundCents) }]
                  : []),
              ]}
            />
            <ReturnLines lines={x.lines} />
            {x.description ? <p style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{x.description}</p> : null}
            {x.photoIds.length ? (
              <Image.PreviewGroup>
                <Space wrap>
                  {x.photoIds.map((p) => (
                    <Image key={p} width={96} src={`/api/returns/${x.id}/photos/${p}`} alt="" />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : null}
          </Card>
        </Col>
        <Col xs={24}>
          <Typography.Title level={5}>{t('returns.reviews')}</Typography.Title>
          {x.reviews.length ? (
            <Row gutter={[12, 12]}>
              {x.reviews.map((rv) => (
                <Col key={rv.departmentId} xs={24} sm={12} xl={6}>
                  <ReviewCard r={x} review={rv} />
                </Col>
              ))}
            </Row>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <StepActions r={x} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('returns.timeline')} size="small">
            <ReturnTimeline steps={x.timeline} />
          </Card>
        </Col>
        <Col xs={24}>
          <ReturnMails mails={x.mails ?? []} />
        </Col>
      </Row>
    </>
  );
}

const MAIL_COLOURS: Record<ReturnMail['status'], string> = {
  sent: 'green',
  queued: 'blue',
  sending: 'blue',
  failed: 'red',
  bounced: 'red',
};

/** The mail told the contact at each step, with how its delivery fares. */
function ReturnMails({ mails }: { mails: ReturnMail[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('returns.mails.title')} size="small" data-testid="return-mails">
      {mails.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.mails.empty')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {mails.map((m) => (
            <Row key={m.mailId} gutter={8} wrap>
              <Col xs={24} sm={14}>
                <Typography.Text>{m.subject}</Typography.Text>
              </Col>
              <Col xs={12} sm={6}>
                <Typography.Text type="secondary">{m.to}</Typography.Text>
              </Col>
              <Col xs={12} sm={4}>
                <Tag color={MAIL_COLOURS[m.status]} title={m.lastError}>
                  {m.status === 'queued' && m.attempts > 0
                    ? t('returns.mails.retrying')
                    : t(`returns.mails.status.${m.status}`)}
                </Tag>
              </Col>
            </Row>
          ))}
        </Space>
      )}
    </Card>
  );
}
