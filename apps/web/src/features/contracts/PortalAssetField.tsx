import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalAssets } from '../portal/api';

/** The portal new-case form's optional "product concerned": one of the company's installed products. */
export function PortalAssetField() {
  const { t } = useTranslation();
  const assets = usePortalAssets({ page: 1, pageSize: 200 });
  const items = assets.data?.items ?? [];
  if (!assets.isPending && items.length === 0) return null;
  return (
    <Form.Item name="assetId" label={t('contracts.portalAsset')} extra={t('contracts.portalAssetHelp')}>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        loading={assets.isPending}
        options={items.map((a) => ({
          value: a.id,
          label: [a.productName, a.editionName, a.serialNumber].filter(Boolean).join(' · '),
        }))}
        data-testid="portal-case-asset"
      />
    </Form.Item>
  );
}
