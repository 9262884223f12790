import { Alert, App, Button, Checkbox, Form, Modal, Radio, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSeverity } from '@aftercare/contracts';
import { formatMoney } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { useEscalationQuote, usePaidEscalation, type Side } from './api';

interface Values {
  severity?: CaseSeverity;
  acceptCharge?: boolean;
}

function Dialog({ side, caseId, onClose }: { side: Side; caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const handleError = useApiError();
  const quote = useEscalationQuote(side, caseId);
  const escalate = usePaidEscalation(side, caseId);
  const [form] = Form.useForm<Values>();
  const severity = Form.useWatch('severity', form);
  const options = quote.data?.options ?? [];
  const price = options.find((o) => o.severity === severity)?.amountCents;
  return (
    <Modal
      open
      title={t('serviceLevels.escalate.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={options.length === 0}
          loading={escalate.isPending}
          onClick={() => form.submit()}
          data-testid="paid-escalation-submit"
        >
          {t('serviceLevels.escalate.submit')}
        </Button>,
      ]}
    >
      {quote.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : quote.error ? (
        <QueryError error={quote.error} onRetry={() => void quote.refetch()} />
      ) : options.length === 0 ? (
        <Alert type="info" showIcon message={t('serviceLevels.escalate.none')} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ severity: options[options.length - 1]?.severity, acceptCharge: false }}
          onFinish={(values) => {
            if (!values.severity) return;
            escalate.mutate(
              { severity: values.severity, acceptCharge: values.acceptCharge === true },
              {
                onSuccess: () => {
                  void message.success(t('serviceLevels.escalate.done'));
                  onClose();
                },
                onError: (error) => handleError(error, { form }),
              },
            );
          }}
        >
          <Typography.Paragraph type="secondary">
            {t('serviceLevels.escalate.help', { entitlement: quote.data.entitlement })}
          </Typography.Paragraph>
          <Form.Item name="severity" label={t('serviceLevels.escalate.severity')}>
            <Radio.Group data-testid="paid-escalation-severity">
              {options.map((o) => (
                <Radio key={o.severity} value={o.severity}>
                  {o.severity} · {formatMoney(o.amountCents, locale)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="acceptCharge"
            valuePropName="checked"
            rules={[
              {
                validator: (_r, v) =>
                  v === true
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('serviceLevels.escalate.acceptRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="paid-escalation-accept">
              {t('serviceLevels.escalate.accept', {
                price: price === undefined ? '—' : formatMoney(price, locale),
              })}
            </Checkbox>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** The button and the dialog that asks for a paid escalation, shows the price and asks to accept it. */
export function PaidEscalationButton({
  side,
  caseId,
  disabled,
}: {
  side: Side;
  caseId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={disabled} data-testid="paid-escalation-open">
        {t('serviceLevels.escalate.button')}
      </Button>
      {open ? <Dialog side={side} caseId={caseId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
