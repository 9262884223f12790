import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CasePriorities, type Case, type CasePriority } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useCan } from '../auth/session';
import { useUpdateCase } from '../cases/api';
import { PriorityTag } from './PriorityTag';
import { RepeatFlags } from './RepeatFlags';

/** The queue's priority cell: editable in place for agents (with the row's version), plus repeat flags. */
export function QueuePriorityCell({ c }: { c: Case }) {
  const { t } = useTranslation();
  const can = useCan();
  const update = useUpdateCase();
  const handleError = useApiError();
  const editable = can('cases.write') && c.status !== 'closed';
  return (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      {editable ? (
        <Select<CasePriority>
          size="small"
          variant="borderless"
          value={c.priority}
          loading={update.isPending}
          data-testid={`queue-priority-${c.number}`}
          style={{ minWidth: 84 }}
          onChange={(priority) =>
            update.mutate(
              { id: c.id, patch: { priority, version: c.version } },
              { onError: (error) => handleError(error) },
            )
          }
          options={CasePriorities.map((p) => ({ value: p, label: <PriorityTag priority={p} /> }))}
          aria-label={t('serviceLevels.priority.label')}
        />
      ) : (
        <PriorityTag priority={c.priority} />
      )}
      <RepeatFlags complaint={c.complaint} />
    </Space>
  );
}
