import { Alert, App, Button, Card, Col, Form, Image, Input, Popconfirm, Row, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import dayjs from 'dayjs';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useApiError } from '../../lib/useApiError';
import { usePortalReturn, usePortalReturnAction } from '../../features/returns/api';
import {
  ReturnFacts,
  ReturnLines,
  ReturnStatusTag,
  ReturnTimeline,
  yuan,
} from '../../features/returns/ReturnParts';

/** A return as the customer follows it: the promise, the decision with its reasons, every step after. */
export default function PortalReturnDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const r = usePortalReturn(id);
  const act = usePortalReturnAction(id);
  const [ship] = Form.useForm<{ trackingNumber: string }>();
  const [appeal] = Form.useForm<{ reason: string }>();
  const [info] = Form.useForm<{ message: string }>();
  if (r.isPending) return <Spin />;
  if (r.isError) return <QueryError error={r.error} onRetry={() => void r.refetch()} />;
  const x = r.data;
  const run = (
    path: 'info' | 'appeal' | 'cancel' | 'ship',
    body: unknown,
    form?: Parameters<typeof handleError>[1],
  ) =>
    act.mutate(
      { path, body },
      { onSuccess: () => void message.success(t('returns.done')), onError: (e) => handleError(e, form) },
    );
  return (
    <>
      <PageHeader title={x.number} tags={<ReturnStatusTag status={x.status} />} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {x.decision === null && x.status !== 'cancelled' ? (
          <Alert
            type="info"
            showIcon
            data-testid="return-promise"
            message={t('returns.portal.promise', { at: dayjs(x.decisionDueAt).format('YYYY-MM-DD HH:mm') })}
          />
        ) : null}
        {x.decision ? (
          <Alert
            type={x.decision === 'approved' ? 'success' : 'error'}
            showIcon
            data-testid="return-decision"
            data-decision={x.decision}
            message={t(
              x.decision === 'approved'
                ? 'returns.portal.decisionApproved'
                : 'returns.portal.decisionRejected',
            )}
            description={x.decisionReasons
              .filter((d) => d.comment)
              .map((d) => `${d.department}: ${d.comment ?? ''}`)
              .join('；')}
          />
        ) : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={t('returns.lines')}>
              <ReturnFacts
                items={[
                  { label: t('returns.reason'), value: x.reason.label },
                  { label: t('returns.outcome'), value: t(`returns.outcomes.${x.outcome}`) },
                  ...(x.trackingNumber
                    ? [{ label: t('returns.trackingNumber'), value: x.trackingNumber }]
                    : []),
                  ...(x.refundCents !== null
                    ? [{ label: t('returns.refundCents'), value: yuan(x.refundCents) }]
                    : []),
                ]}
              />
              <ReturnLines lines={x.lines} />
              {x.description ? (
                <p style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{x.description}</p>
              ) : null}
              {x.photoIds.length ? (
                <Image.PreviewGroup>
                  <Space wrap>
                    {x.photoIds.map((p) => (
                      <Image key={p} width={96} src={`/api/portal/returns/${x.id}/photos/${p}`} alt="" />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('returns.timeline')}>
              <ReturnTimeline steps={x.timeline} />
            </Card>
          </Col>
        </Row>
        {x.can.provideInfo ? (
          <Card title={t('returns.portal.provideInfo')}>
            <Form form={info} layout="vertical" onFinish={(v) => run('info', v, { form: info })}>
              <Form.Item
                name="message"
                label={t('returns.portal.infoMessage')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 3 }}
                  maxLength={10_000}
                  data-testid="return-info-message"
                />
              </Form.Item>
              <Button
                htmlType="submit"
                type="primary"
                loading={act.isPending}
                data-testid="return-info-submit"
              >
                {t('returns.portal.send')}
              </Button>
            </Form>
          </Card>
        ) : null}
        {x.can.ship ? (
          <Card title={t('returns.portal.ship')}>
            <Form form={ship} layout="inline" onFinish={(v) => run('ship', v, { form: ship })}>
              <Form.Item
                name="trackingNumber"
                label={t('returns.trackingNumber')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={100} data-testid="return-tracking" />
              </Form.Item>
              <Button htmlType="submit" type="primary" loading={act.isPending} data-testid="return-ship">
                {t('returns.portal.send')}
              </Button>
            </Form>
          </Card>
        ) : null}
        {x.can.appeal ? (
          <Card title={t('returns.portal.appeal')} extra={t('returns.portal.appealOnce')}>
            <Form form={appeal} layout="vertical" onFinish={(v) => run('appeal', v, { form: appeal })}>
              <Form.Item
                name="reason"
                label={t('returns.portal.appealReason')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 3 }}
                  maxLength={10_000}
                  data-testid="return-appeal-reason"
                />
              </Form.Item>
              <Button htmlType="submit" loading={act.isPending} data-testid="return-appeal">
                {t('returns.portal.appeal')}
              </Button>
            </Form>
          </Card>
        ) : null}
        {x.can.cancel ? (
          <Popconfirm title={t('returns.portal.cancelConfirm')} onConfirm={() => run('cancel', {})}>
            <Button danger data-testid="return-cancel">
              {t('returns.portal.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    </>
  );
}
