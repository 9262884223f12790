import { Card, Descriptions, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ComplaintInput } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { useCan } from '../auth/session';
import { useUpdateCase } from '../cases/api';
import { useServiceSettings } from './api';
import { ChargesList } from './Charges';
import { PaidEscalationButton } from './PaidEscalationDialog';
import { PrioritySelect } from './PriorityTag';
import { RepeatFlags } from './RepeatFlags';

/** The complaint fields of the solve dialog's form, or undefined when none were filled in. */
export function complaintFromForm(form: FormInstance): ComplaintInput | undefined {
  const v = form.getFieldValue(['complaint']) as Partial<ComplaintInput> | undefined;
  const rootCause = v?.rootCause ?? '';
  const correctiveAction = (v?.correctiveAction ?? '').trim();
  return rootCause || correctiveAction ? { rootCause, correctiveAction } : undefined;
}

/**
 * Beside a case (staff): its priority (editable), the severity definition, the complaint's root cause,
 * corrective action and repeat flags, and the chargeable items with the paid-escalation dialog.
 */
export function CaseServiceLevels({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const handleError = useApiError();
  const update = useUpdateCase();
  const settings = useServiceSettings();
  const editable = can('cases.write') && c.status !== 'closed';
  const rootCauseName =
    c.complaint?.rootCause &&
    (settings.data?.complaints.rootCauses.find((r) => r.key === c.complaint?.rootCause)?.name[locale] ??
      c.complaint.rootCause);
  const severity = settings.data?.severities[c.severity];
  return (
    <Card title={t('serviceLevels.card')} data-testid="case-service-levels">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('serviceLevels.priority.label')}>
            <PrioritySelect
              value={c.priority}
              disabled={!editable || update.isPending}
              onChange={(priority) =>
                update.mutate(
                  { id: c.id, patch: { priority, version: c.version } },
                  { onError: (error) => handleError(error) },
                )
              }
            />
          </Descriptions.Item>
          {severity ? (
            <Descriptions.Item label={`${c.severity} · ${severity.name[locale]}`}>
              <Typography.Text type="secondary">{severity.description[locale]}</Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {c.type === 'complaint' ? (
          <div data-testid="case-complaint">
            <Typography.Text strong>{t('serviceLevels.complaint.title')}</Typography.Text>{' '}
            <RepeatFlags complaint={c.complaint} />
            {c.complaint?.rootCause ? (
              <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('serviceLevels.complaint.rootCause')}>
                  {rootCauseName}
                </Descriptions.Item>
                <Descriptions.Item label={t('serviceLevels.complaint.correctiveAction')}>
                  {c.complaint.correctiveAction}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('serviceLevels.complaint.none')}
              </Typography.Paragraph>
            )}
          </div>
        ) : null}
        <div>
          <Typography.Text strong>{t('serviceLevels.charges.title')}</Typography.Text>
          <ChargesList side="staff" caseId={c.id} />
        </div>
        {editable && c.status !== 'solved' ? <PaidEscalationButton side="staff" caseId={c.id} /> : null}
      </Space>
    </Card>
  );
}
