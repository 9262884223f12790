import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Macro, MacroApplied, MacroApply, MacroCreate, MacroUpdate } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { caseKeys } from '../cases/api';

const macrosKey = ['macros'] as const;

export function useMacros(enabled = true) {
  return useQuery({
    queryKey: macrosKey,
    queryFn: ({ signal }) => api.get<Macro[]>('/macros', undefined, signal),
    enabled,
  });
}

export function useSaveMacro() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: MacroCreate | MacroUpdate }) =>
      id ? api.patch<Macro>(`/macros/${id}`, body) : api.post<Macro>('/macros', body),
    onSuccess: () => client.invalidateQueries({ queryKey: macrosKey }),
  });
}

export function useDeleteMacro() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/macros/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: macrosKey }),
  });
}

export function useApplyMacro(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ macroId, body }: { macroId: string; body: MacroApply }) =>
      api.post<MacroApplied>(`/cases/${caseId}/macros/${macroId}/apply`, body),
    onSuccess: (_, vars) => {
      if (vars.body.applyActions) void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
