import { useQuery } from '@tanstack/react-query';
import type { User } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { useTranslation } from 'react-i18next';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';

const toOption = (u: User): RemoteOption => ({ value: u.id, label: `${u.name} · ${u.email}`, text: u.name });

/** Pick an active staff member (needs users.read). */
export function UserSelect({
  value,
  onChange,
  knownName,
  testId,
  placeholder,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  knownName?: string | null;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const lookup = useQuery({
    queryKey: ['users', 'one', value],
    queryFn: ({ signal }) => api.get<User>(`/users/${value ?? ''}`, undefined, signal),
    enabled: !!value && !knownName,
  });
  const label = knownName ?? (lookup.data ? `${lookup.data.name} · ${lookup.data.email}` : null);
  return (
    <RemoteSelect<User>
      path="/users"
      params={{ status: 'active' }}
      toOption={toOption}
      value={value}
      onChange={(v) => onChange?.(v)}
      known={value && label ? { value, label, text: label } : null}
      placeholder={placeholder ?? t('customers.chooseOwner')}
      testId={testId}
    />
  );
}
