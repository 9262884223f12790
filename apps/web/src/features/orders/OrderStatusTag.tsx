import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '@aftercare/contracts';

const COLOR: Record<Order['status'], string> = { open: 'blue', fulfilled: 'green', cancelled: 'default' };

export function OrderStatusTag({ status }: { status: Order['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]}>{t(`orderStatus.${status}`)}</Tag>;
}
