import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../lib/useLocale';
import { useServiceSettings } from './api';

/**
 * The complaint part of the solve dialog: root-cause category (the workspace's catalogue) and corrective
 * action, as complaint.rootCause / complaint.correctiveAction of the dialog's form (server errors land here).
 */
export function ComplaintCloseFields() {
  const { t } = useTranslation();
  const locale = useLocale();
  const settings = useServiceSettings();
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('serviceLevels.complaint.solveHelp')}
      />
      <Form.Item name={['complaint', 'rootCause']} label={t('serviceLevels.complaint.rootCause')} required>
        <Select
          loading={settings.isPending}
          data-testid="complaint-root-cause"
          options={(settings.data?.complaints.rootCauses ?? []).map((r) => ({
            value: r.key,
            label: r.name[locale],
          }))}
        />
      </Form.Item>
      <Form.Item
        name={['complaint', 'correctiveAction']}
        label={t('serviceLevels.complaint.correctiveAction')}
        required
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          data-testid="complaint-corrective-action"
        />
      </Form.Item>
    </>
  );
}
