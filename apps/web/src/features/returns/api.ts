import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PageOf,
  PortalReturn,
  PortalReturnCreate,
  PortalReturnReason,
  PortalReturnSummary,
  ReturnPolicy,
  ReturnPolicyCreate,
  ReturnPolicyUpdate,
  ReturnQueue,
  ReturnReason,
  ReturnReasonCreate,
  ReturnReasonUpdate,
  ReturnCreate,
  ReturnReport,
  ReturnRequest,
  ReturnReviewInput,
  ReturnSummary,
} from '@aftercare/contracts';
import { api, type QueryParams } from '../../lib/api';

const KEY = 'returns';

export function useReturnQueues() {
  return useQuery({
    queryKey: [KEY, 'queues'],
    queryFn: ({ signal }) => api.get<ReturnQueue[]>('/returns/queues', undefined, signal),
  });
}

export function useReturns(query: QueryParams) {
  return useQuery({
    queryKey: [KEY, 'list', query],
    queryFn: ({ signal }) => api.get<PageOf<ReturnSummary>>('/returns', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReturn(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api.get<ReturnRequest>(`/returns/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

/** Any step on a return (a verdict, pickup, receipt…): the answer is the return as it is now. */
export function useReturnAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api.post<ReturnRequest>(`/returns/${id}/${path}`, body ?? {}),
    onSuccess: async (r) => {
      client.setQueryData([KEY, 'one', id], r);
      await client.invalidateQueries({ queryKey: [KEY, 'list'] });
      await client.invalidateQueries({ queryKey: [KEY, 'queues'] });
    },
  });
}

export function useReview(id: string) {
  const action = useReturnAction(id);
  return {
    ...action,
    review: (departmentId: string, body: ReturnReviewInput) =>
      action.mutateAsync({ path: `reviews/${departmentId}`, body }),
  };
}

export function useReturnPolicies() {
  return useQuery({
    queryKey: [KEY, 'policies'],
    queryFn: ({ signal }) => api.get<ReturnPolicy[]>('/return-policies', undefined, signal),
  });
}

export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ReturnPolicyCreate | ReturnPolicyUpdate }) =>
      id
        ? api.put<ReturnPolicy>(`/return-policies/${id}`, body)
        : api.post<ReturnPolicy>('/return-policies', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY, 'policies'] }),
  });
}

export function useDeletePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/return-policies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY, 'policies'] }),
  });
}

export function useReturnReasons() {
  return useQuery({
    queryKey: [KEY, 'reasons'],
    queryFn: ({ signal }) => api.get<ReturnReason[]>('/return-reasons', undefined, signal),
  });
}

export function useSaveReason() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ReturnReasonCreate | ReturnReasonUpdate }) =>
      id
        ? api.put<ReturnReason>(`/return-reasons/${id}`, body)
        : api.post<ReturnReason>('/return-reasons', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY, 'reasons'] }),
  });
}

export function useReturnReport() {
  return useQuery({
    queryKey: [KEY, 'report'],
    queryFn: ({ signal }) => api.get<ReturnReport>('/reports/returns', undefined, signal),
  });
}

// ------------------------------------------------------------------ portal

export function usePortalReturnReasons() {
  return useQuery({
    queryKey: ['portal', KEY, 'reasons'],
    queryFn: ({ signal }) => api.get<PortalReturnReason[]>('/portal/return-reasons', undefined, signal),
  });
}

export function usePortalReturns(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['portal', KEY, 'list', query],
    queryFn: ({ signal }) => api.get<PageOf<PortalReturnSummary>>('/portal/returns', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalReturn(id: string | undefined) {
  return useQuery({
    queryKey: ['portal', KEY, 'one', id],
    queryFn: ({ signal }) => api.get<PortalReturn>(`/portal/returns/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreatePortalReturn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalReturnCreate) => api.post<PortalReturn>('/portal/returns', body),
    onSuccess: async (r) => {
      client.setQueryData(['portal', KEY, 'one', r.id], r);
      await client.invalidateQueries({ queryKey: ['portal', KEY, 'list'] });
    },
  });
}

export function usePortalReturnAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: 'info' | 'appeal' | 'cancel' | 'ship'; body: unknown }) =>
      api.post<PortalReturn>(`/portal/returns/${id}/${path}`, body),
    onSuccess: async (r) => {
      client.setQueryData(['portal', KEY, 'one', id], r);
      await client.invalidateQueries({ queryKey: ['portal', KEY, 'list'] });
    },
  });
}

/** Staff start a return for a customer (optionally from a case). */
export function useCreateReturn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnCreate) => api.post<ReturnRequest>('/returns', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [KEY, 'list'] });
      await client.invalidateQueries({ queryKey: [KEY, 'queues'] });
    },
  });
}
