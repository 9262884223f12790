import { Checkbox, Form, Select, Tag, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseSeverities, type CaseSeverity } from '@aftercare/contracts';
import { ApiError } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { usePortalServiceLevels } from './api';

/** The price of `severity` for this contact's customer, or null when it is within their entitlement (free). */
function priceOf(
  data: ReturnType<typeof usePortalServiceLevels>['data'],
  severity: CaseSeverity | undefined,
): number | null {
  if (!data || !severity || severity === 'S4' || !(severity < data.entitlement)) return null;
  return data.prices[severity];
}

/**
 * The severity select of the portal's new-case form: severities above the customer's entitlement are marked
 * as paid with their price; choosing one shows the required "I accept the charge" checkbox (`acceptCharge`).
 * Put it inside a Form whose values have `severity` and `acceptCharge`.
 */
export function PortalSeverityField({ label }: { label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const levels = usePortalServiceLevels();
  const form = Form.useFormInstance();
  const severity = Form.useWatch<CaseSeverity | undefined>('severity', form);
  const price = priceOf(levels.data, severity);
  return (
    <>
      <Form.Item name="severity" label={label}>
        <Select
          data-testid="portal-case-severity"
          loading={levels.isPending}
          onChange={() => form.setFields([{ name: 'acceptCharge', value: false, errors: [] }])}
          options={CaseSeverities.map((v) => {
            const p = priceOf(levels.data, v);
            return {
              value: v,
              label: (
                <span data-testid={`portal-case-severity-${v}`}>
                  {`${v} · ${t(`caseSeverity.${v}`)}`}
                  {p === null ? null : (
                    <Tag color="gold" style={{ marginInlineStart: 8 }}>
                      {t('serviceLevels.newCase.paid', { price: formatMoney(p, locale) })}
                    </Tag>
                  )}
                </span>
              ),
            };
          })}
        />
      </Form.Item>
      {price === null ? null : (
        <Form.Item
          name="acceptCharge"
          valuePropName="checked"
          extra={t('serviceLevels.newCase.chargeHelp', { entitlement: levels.data?.entitlement })}
          rules={[
            {
              validator: (_r, v) =>
                v === true
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('serviceLevels.escalate.acceptRequired'))),
            },
          ]}
        >
          <Checkbox data-testid="portal-case-accept-charge">
            {t('serviceLevels.newCase.accept', { price: formatMoney(price, locale) })}
          </Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/**
 * Shows a 422 charge_not_accepted (the price changed, or the checkbox was skipped) next to the severity field.
 * Returns whether it handled the error.
 */
export function showChargeError(
  error: unknown,
  form: FormInstance,
  t: (key: string, options?: Record<string, unknown>) => string,
  locale: Parameters<typeof formatMoney>[1],
): boolean {
  if (!(error instanceof ApiError) || error.code !== 'charge_not_accepted') return false;
  const details = (error.details ?? {}) as { amountCents?: number };
  form.setFields([
    {
      name: 'severity',
      errors: [
        typeof details.amountCents === 'number'
          ? t('serviceLevels.newCase.chargeRefused', { price: formatMoney(details.amountCents, locale) })
          : error.message,
      ],
    },
  ]);
  return true;
}
