import type { Customer } from '@aftercare/contracts';
import { useTranslation } from 'react-i18next';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';
import { customers } from './api';

const toOption = (c: Customer): RemoteOption => ({
  value: c.id,
  label: `${c.name} (${c.code})`,
  text: c.name,
});

export function CustomerSelect({
  value,
  onChange,
  knownName,
  testId = 'customer-select',
  disabled,
}: {
  value?: string | null;
  onChange?: (value: string | null, customer?: Customer) => void;
  knownName?: string | null;
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  // A value from the URL (a filter) or a preset has no label yet: look the customer up once.
  const lookup = customers.useOne(value && !knownName ? value : undefined);
  const label = knownName ?? (lookup.data ? `${lookup.data.name} (${lookup.data.code})` : null);
  return (
    <RemoteSelect<Customer>
      path="/customers"
      toOption={toOption}
      value={value}
      onChange={onChange}
      known={value && label ? { value, label, text: label } : null}
      placeholder={t('customers.choose')}
      testId={testId}
      disabled={disabled}
    />
  );
}
