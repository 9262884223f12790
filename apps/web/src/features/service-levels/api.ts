import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseCharge,
  PaidEscalationCreate,
  PaidEscalationQuote,
  PortalServiceLevels,
  ServiceSettings,
  ServiceSettingsUpdate,
} from '@aftercare/contracts';
import { api } from '../../lib/api';

/** Staff (`/cases/…`) or the portal (`/portal/cases/…`). */
export type Side = 'staff' | 'portal';
const base = (side: Side) => (side === 'staff' ? '/cases' : '/portal/cases');

export const serviceLevelKeys = {
  settings: ['service-settings'] as const,
  portal: ['portal', 'service-levels'] as const,
  quote: (side: Side, caseId: string) => ['service-levels', side, 'quote', caseId] as const,
  charges: (side: Side, caseId: string) => ['service-levels', side, 'charges', caseId] as const,
};

export function useServiceSettings() {
  return useQuery({
    queryKey: serviceLevelKeys.settings,
    queryFn: ({ signal }) => api.get<ServiceSettings>('/service-settings', undefined, signal),
  });
}

export function useSaveServiceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceSettingsUpdate) => api.put<ServiceSettings>('/service-settings', body),
    onSuccess: (saved) => client.setQueryData(serviceLevelKeys.settings, saved),
  });
}

/** Severity definitions, entitlement and prices as a contact sees them. */
export function usePortalServiceLevels() {
  return useQuery({
    queryKey: serviceLevelKeys.portal,
    queryFn: ({ signal }) => api.get<PortalServiceLevels>('/portal/service-levels', undefined, signal),
  });
}

export function useEscalationQuote(side: Side, caseId: string, enabled = true) {
  return useQuery({
    queryKey: serviceLevelKeys.quote(side, caseId),
    queryFn: ({ signal }) =>
      api.get<PaidEscalationQuote>(`${base(side)}/${caseId}/paid-escalation`, undefined, signal),
    enabled,
  });
}

export function useCharges(side: Side, caseId: string) {
  return useQuery({
    queryKey: serviceLevelKeys.charges(side, caseId),
    queryFn: ({ signal }) => api.get<CaseCharge[]>(`${base(side)}/${caseId}/charges`, undefined, signal),
  });
}

export function usePaidEscalation(side: Side, caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PaidEscalationCreate) =>
      api.post<CaseCharge>(`${base(side)}/${caseId}/paid-escalations`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['service-levels', side] });
      await client.invalidateQueries({ queryKey: side === 'staff' ? ['cases'] : ['portal', 'cases'] });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}
