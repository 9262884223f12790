import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Case,
  CaseCounts,
  CaseCreate,
  CaseDetail,
  CaseMessage,
  CaseUpdate,
  MessageCreate,
  PageOf,
  PortalCase,
  PortalCaseCreate,
  PortalCaseDetail,
  PortalCaseMessage,
} from '@aftercare/contracts';
import { api, type QueryParams } from '../../lib/api';

/**
 * Cases change under the agent's eyes (customers write in the portal), so queues and threads poll.
 * TanStack Query pauses `refetchInterval` while the browser tab is hidden (refetchIntervalInBackground: false).
 */
export const LIVE_INTERVAL = 5_000;
const live = { refetchInterval: LIVE_INTERVAL, refetchIntervalInBackground: false } as const;

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: QueryParams) => ['cases', 'list', query] as const,
  counts: ['cases', 'counts'] as const,
  one: (id: string) => ['cases', 'one', id] as const,
};

export function useCases(query: QueryParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => api.get<PageOf<Case>>('/cases', query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    ...live,
  });
}

export function useCaseCounts() {
  return useQuery({
    queryKey: caseKeys.counts,
    queryFn: ({ signal }) => api.get<CaseCounts>('/cases/counts', undefined, signal),
    ...live,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<CaseDetail>(`/cases/${id ?? ''}`, undefined, signal),
    enabled: !!id,
    ...live,
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseCreate) => api.post<CaseDetail>('/cases', body),
    onSuccess: async (created) => {
      client.setQueryData(caseKeys.one(created.id), created);
      await client.invalidateQueries({ queryKey: ['cases', 'list'] });
      await client.invalidateQueries({ queryKey: caseKeys.counts });
    },
  });
}

export function useUpdateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CaseUpdate }) => api.patch<Case>(`/cases/${id}`, patch),
    onSuccess: async (updated) => {
      client.setQueryData<CaseDetail>(caseKeys.one(updated.id), (prev) =>
        prev ? { ...prev, ...updated, messages: prev.messages } : prev,
      );
      await client.invalidateQueries({ queryKey: caseKeys.all });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

export function usePostMessage(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MessageCreate) => api.post<CaseMessage>(`/cases/${caseId}/messages`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.all });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

/* The portal */

export const portalCaseKeys = {
  all: ['portal', 'cases'] as const,
  list: (query: QueryParams) => ['portal', 'cases', 'list', query] as const,
  one: (id: string) => ['portal', 'cases', 'one', id] as const,
};

export function usePortalCases(query: { page: number; pageSize: number; q?: string }) {
  return useQuery({
    queryKey: portalCaseKeys.list(query),
    queryFn: ({ signal }) => api.get<PageOf<PortalCase>>('/portal/cases', query, signal),
    placeholderData: keepPreviousData,
    ...live,
  });
}

export function usePortalCase(id: string | undefined) {
  return useQuery({
    queryKey: portalCaseKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<PortalCaseDetail>(`/portal/cases/${id ?? ''}`, undefined, signal),
    enabled: !!id,
    ...live,
  });
}

export function useCreatePortalCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalCaseCreate) => api.post<PortalCaseDetail>('/portal/cases', body),
    onSuccess: async (created) => {
      client.setQueryData(portalCaseKeys.one(created.id), created);
      await client.invalidateQueries({ queryKey: ['portal', 'cases', 'list'] });
    },
  });
}

export function usePortalReply(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string }) =>
      api.post<PortalCaseMessage>(`/portal/cases/${caseId}/messages`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalCaseKeys.all });
    },
  });
}
