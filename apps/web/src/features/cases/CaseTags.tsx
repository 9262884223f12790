import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSeverity, CaseStatus } from '@aftercare/contracts';

const STATUS_COLOR: Record<CaseStatus, string> = {
  new: 'geekblue',
  open: 'blue',
  pending: 'gold',
  on_hold: 'purple',
  solved: 'green',
  closed: 'default',
};

const SEVERITY_COLOR: Record<CaseSeverity, string> = {
  S1: 'red',
  S2: 'volcano',
  S3: 'blue',
  S4: 'default',
};

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`caseStatus.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: CaseSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} title={t(`caseSeverity.${severity}`)}>
      {severity}
    </Tag>
  );
}
