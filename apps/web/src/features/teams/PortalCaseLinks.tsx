import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkTags } from './LinkTags';
import { usePortalCaseLinks } from './api';

/** In the portal: the case was merged into another (or others into it), or split. */
export function PortalCaseLinks({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const links = usePortalCaseLinks(caseId);
  const list = links.data?.links ?? [];
  if (list.length === 0) return null;
  const mergedInto = list.some((l) => l.kind === 'merged_into');
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="portal-case-links"
      message={mergedInto ? t('teams.links.portalMerged') : t('teams.links.title')}
      description={<LinkTags links={list} base="/portal/cases" />}
    />
  );
}
