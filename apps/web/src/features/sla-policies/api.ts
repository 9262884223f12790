import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SlaPolicy, SlaPolicyCreate, SlaPolicyUpdate } from '@aftercare/contracts';
import { api } from '../../lib/api';

/** The cache key of the policy list (shared with the conditions card of the service-levels page). */
export const slaPolicyKeys = { all: ['sla-policies'] as const };

/** SLA policies in evaluation order. */
export function useSlaPolicies(enabled = true) {
  return useQuery({
    queryKey: slaPolicyKeys.all,
    queryFn: ({ signal }) => api.get<SlaPolicy[]>('/sla-policies', undefined, signal),
    enabled,
  });
}

/** Creates (no id) or changes (id, body with the version read) a policy. */
export function useSaveSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SlaPolicyCreate | SlaPolicyUpdate }) =>
      id ? api.patch<SlaPolicy>(`/sla-policies/${id}`, body) : api.post<SlaPolicy>('/sla-policies', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: slaPolicyKeys.all });
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useDeleteSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/sla-policies/${id}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: slaPolicyKeys.all });
    },
  });
}

/** Sets the evaluation order (every id, first to last). */
export function useReorderSlaPolicies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<SlaPolicy[]>('/sla-policies/order', { ids }),
    onSuccess: (policies) => client.setQueryData(slaPolicyKeys.all, policies),
  });
}
