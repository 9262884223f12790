import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PortalCase } from '@aftercare/contracts';
import { ChargesList } from './Charges';
import { PaidEscalationButton } from './PaidEscalationDialog';

/** In the portal beside a case: its chargeable items and the paid-escalation dialog. */
export function PortalCaseServiceLevels({ c }: { c: PortalCase }) {
  const { t } = useTranslation();
  const open = c.status !== 'solved' && c.status !== 'closed';
  return (
    <Card title={t('serviceLevels.charges.title')} size="small" data-testid="portal-service-levels">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <ChargesList side="portal" caseId={c.id} />
        {open ? <PaidEscalationButton side="portal" caseId={c.id} /> : null}
      </Space>
    </Card>
  );
}
