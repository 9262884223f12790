import { Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseComplaint } from '@aftercare/contracts';

/** "Repeat complaint" with the case numbers it repeats; nothing for a first complaint or another type. */
export function RepeatFlags({ complaint }: { complaint: CaseComplaint | null | undefined }) {
  const { t } = useTranslation();
  const repeat = complaint?.repeat;
  if (!repeat || (repeat.sameCustomer.length === 0 && repeat.sameRootCause.length === 0)) return null;
  const lines = [
    repeat.sameCustomer.length
      ? t('serviceLevels.complaint.sameCustomer', { numbers: repeat.sameCustomer.join('、') })
      : null,
    repeat.sameRootCause.length
      ? t('serviceLevels.complaint.sameRootCause', { numbers: repeat.sameRootCause.join('、') })
      : null,
  ].filter((l): l is string => l !== null);
  return (
    <Tooltip title={lines.join('；')}>
      <Tag color="magenta" icon={<WarningOutlined />} data-testid="repeat-flag">
        {t('serviceLevels.complaint.repeat')}
      </Tag>
    </Tooltip>
  );
}
