import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '@aftercare/contracts';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';
import { products } from './api';

const toOption = (p: Product): RemoteOption => ({ value: p.id, label: `${p.name} (${p.sku})`, text: p.name });

export function ProductSelect({
  value,
  onChange,
  knownName,
  testId = 'product-select',
}: {
  value?: string | null;
  onChange?: (value: string | null, product?: Product) => void;
  knownName?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lookup = products.useOne(value && !knownName ? value : undefined);
  const label = knownName ?? (lookup.data ? `${lookup.data.name} (${lookup.data.sku})` : null);
  return (
    <RemoteSelect<Product>
      path="/products"
      toOption={toOption}
      value={value}
      onChange={onChange}
      known={value && label ? { value, label, text: label } : null}
      placeholder={t('products.choose')}
      testId={testId}
    />
  );
}

/** The editions of one product (empty and disabled until a product is chosen). */
export function EditionSelect({
  productId,
  value,
  onChange,
  testId,
}: {
  productId?: string | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { data, isFetching } = products.useOne(productId ?? undefined);
  const editions = data?.editions ?? [];
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      disabled={!productId || editions.length === 0}
      loading={isFetching}
      placeholder={
        productId && editions.length === 0 && !isFetching ? t('products.noEditions') : t('products.edition')
      }
      options={editions.map((e) => ({ value: e.id, label: `${e.name} (${e.code})` }))}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
