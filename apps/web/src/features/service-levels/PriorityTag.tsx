import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CasePriorities, type CasePriority } from '@aftercare/contracts';

const COLOR: Record<CasePriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

export function PriorityTag({ priority }: { priority: CasePriority | undefined }) {
  const { t } = useTranslation();
  if (!priority) return null;
  return (
    <Tag color={COLOR[priority]} data-testid="priority-tag" data-priority={priority}>
      {t(`serviceLevels.priority.${priority}`)}
    </Tag>
  );
}

export function PrioritySelect({
  value,
  disabled,
  onChange,
}: {
  value: CasePriority | undefined;
  disabled?: boolean;
  onChange: (p: CasePriority) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<CasePriority>
      value={value}
      disabled={disabled}
      onChange={onChange}
      data-testid="case-priority-select"
      style={{ minWidth: 120 }}
      options={CasePriorities.map((p) => ({ value: p, label: t(`serviceLevels.priority.${p}`) }))}
    />
  );
}
