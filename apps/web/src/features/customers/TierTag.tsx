import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerTier } from '@aftercare/contracts';

export const TIER_COLOR: Record<CustomerTier, string> = {
  standard: 'default',
  silver: '#8c8c8c',
  gold: 'gold',
  platinum: 'purple',
};

export function TierTag({ tier }: { tier: CustomerTier }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLOR[tier]}>{t(`tiers.${tier}`)}</Tag>;
}
