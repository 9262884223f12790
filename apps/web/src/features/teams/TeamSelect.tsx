import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTeams } from './api';

/** Pick one of the workspace's teams (null: no team). */
export function TeamSelect({
  value,
  onChange,
  disabled,
  testId,
  placeholder,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={teams.isPending}
      disabled={disabled}
      placeholder={placeholder ?? t('teams.noTeam')}
      data-testid={testId}
      style={{ minWidth: 180, width: '100%' }}
      options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
      notFoundContent={t('teams.emptyTeams')}
    />
  );
}
