import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementInput,
  Case,
  CaseCounts,
  CaseCreate,
  CaseDetail,
  CaseDiscipline,
  ClosingSummaryInput,
  CaseMessage,
  CaseUpdate,
  MessageCreate,
  PageOf,
  PlanInput,
  PortalCase,
  PortalCaseCreate,
  PortalCaseDetail,
  PortalCaseMessage,
  PortalMessageCreate,
  StatusSummaryInput,
} from '@aftercare/contracts';
import { api, type QueryParams } from '../../lib/api';

/**
 * Cases change under the agent's eyes (customers write in the portal), so queues and threads poll.
 * TanStack Query pauses `refetchInterval` while the browser tab is hidden (refetchIntervalInBackground: false).
 */
export const LIVE_INTERVAL = 5_000;
const live = { refetchInterval: LIVE_INTERVAL, refetchIntervalInBackground: false } as const;

/** Both case details carry the case discipline (agreed outcome, summaries, plan, closing summary). */
export type WithDiscipline<T> = T & { discipline?: CaseDiscipline };
export type StaffCaseDetail = WithDiscipline<CaseDetail>;
export type PortalCaseDetailWithDiscipline = WithDiscipline<PortalCaseDetail>;
/** Solving a case requires the closing summary. */
export type CaseUpdateWithClosing = CaseUpdate & { closingSummary?: ClosingSummaryInput };

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
    queryFn: ({ signal }) => api.get<StaffCaseDetail>(`/cases/${id ?? ''}`, undefined, signal),
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
    mutationFn: ({ id, patch }: { id: string; patch: CaseUpdateWithClosing }) =>
      api.patch<Case>(`/cases/${id}`, patch),
    onSuccess: async (updated) => {
      client.setQueryData<StaffCaseDetail>(caseKeys.one(updated.id), (prev) =>
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
    queryFn: ({ signal }) =>
      api.get<PortalCaseDetailWithDiscipline>(`/portal/cases/${id ?? ''}`, undefined, signal),
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
    mutationFn: (body: PortalMessageCreate) =>
      api.post<PortalCaseMessage>(`/portal/cases/${caseId}/messages`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalCaseKeys.all });
    },
  });
}

/* Case discipline: every change answers the whole discipline; the case is refetched after it. */

function useDisciplineMutation<TBody>(caseId: string, send: (body: TBody) => Promise<CaseDiscipline>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (discipline) => {
      client.setQueryData<StaffCaseDetail>(caseKeys.one(caseId), (prev) =>
        prev ? { ...prev, discipline } : prev,
      );
      await client.invalidateQueries({ queryKey: caseKeys.one(caseId) });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

export function useSaveAgreement(caseId: string) {
  return useDisciplineMutation(caseId, (body: AgreementInput) =>
    api.put<CaseDiscipline>(`/cases/${caseId}/agreement`, body),
  );
}

export function usePostSummary(caseId: string) {
  return useDisciplineMutation(caseId, (body: StatusSummaryInput) =>
    api.post<CaseDiscipline>(`/cases/${caseId}/summaries`, body),
  );
}

export function useSavePlan(caseId: string) {
  return useDisciplineMutation(caseId, (body: PlanInput) =>
    api.put<CaseDiscipline>(`/cases/${caseId}/plan`, body),
  );
}

function usePortalDisciplineMutation<TBody>(caseId: string, send: (body: TBody) => Promise<CaseDiscipline>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (discipline) => {
      client.setQueryData<PortalCaseDetailWithDiscipline>(portalCaseKeys.one(caseId), (prev) =>
        prev ? { ...prev, discipline } : prev,
      );
      await client.invalidateQueries({ queryKey: portalCaseKeys.one(caseId) });
    },
  });
}

export function useConfirmAgreement(caseId: string) {
  return usePortalDisciplineMutation(caseId, () =>
    api.post<CaseDiscipline>(`/portal/cases/${caseId}/agreement/confirm`),
  );
}

export function useTickPlanStep(caseId: string) {
  return usePortalDisciplineMutation(caseId, ({ stepId, done }: { stepId: string; done: boolean }) =>
    api.post<CaseDiscipline>(`/portal/cases/${caseId}/plan/${stepId}`, { done }),
  );
}
