import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';

export function WarrantyTag({
  inWarranty,
  warrantyEnd,
}: {
  inWarranty: boolean;
  warrantyEnd: string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tag = inWarranty ? (
    <Tag color="green" icon={<CheckCircleOutlined />} data-testid="warranty-in">
      {t('assets.inWarranty')}
    </Tag>
  ) : (
    <Tag icon={<ClockCircleOutlined />} data-testid="warranty-out">
      {t('assets.outOfWarranty')}
    </Tag>
  );
  return warrantyEnd ? (
    <Tooltip title={t('assets.warrantyUntil', { date: formatDate(warrantyEnd, locale) })}>{tag}</Tooltip>
  ) : (
    tag
  );
}
