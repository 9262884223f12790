import { Alert, Descriptions, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseSeverities } from '@aftercare/contracts';
import { useLocale } from '../../lib/useLocale';
import { usePortalServiceLevels } from './api';

/** What each severity means (the workspace's own words) and the contact's entitlement, for the portal form. */
export function SeverityGuide() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error } = usePortalServiceLevels();
  if (isPending) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (error) return null;
  return (
    <div data-testid="severity-guide">
      <Descriptions column={1} size="small" title={t('serviceLevels.severityGuide')} bordered>
        {CaseSeverities.map((s) => (
          <Descriptions.Item key={s} label={`${s} · ${data.severities[s].name[locale]}`}>
            {data.severities[s].description[locale]}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 8 }}
        message={t('serviceLevels.entitlementNote', { entitlement: data.entitlement })}
      />
    </div>
  );
}
