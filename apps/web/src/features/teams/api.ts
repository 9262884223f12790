import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignmentRule,
  AssignmentRuleCreate,
  AssignmentRuleUpdate,
  CaseDetail,
  CaseMergeLinks,
  CasePresence,
  CaseSplitResult,
  PresenceState,
  Team,
  TeamCreate,
  TeamUpdate,
  Workload,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import { caseKeys, LIVE_INTERVAL } from '../cases/api';

const live = { refetchInterval: LIVE_INTERVAL, refetchIntervalInBackground: false } as const;

export const teamKeys = {
  teams: ['teams'] as const,
  rules: ['assignment-rules'] as const,
  workload: (teamId?: string) => ['workload', teamId ?? 'all'] as const,
  links: (caseId: string) => ['cases', 'links', caseId] as const,
  portalLinks: (caseId: string) => ['portal', 'cases', 'links', caseId] as const,
  presence: (caseId: string) => ['presence', caseId] as const,
};

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: teamKeys.teams,
    queryFn: ({ signal }) => api.get<Team[]>('/teams', undefined, signal),
    enabled,
  });
}

export function useSaveTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TeamCreate | TeamUpdate }) =>
      id ? api.patch<Team>(`/teams/${id}`, body) : api.post<Team>('/teams', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: teamKeys.teams });
      await client.invalidateQueries({ queryKey: ['workload'] });
    },
  });
}

export function useDeleteTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/teams/${id}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: teamKeys.teams });
      await client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

export function useRules() {
  return useQuery({
    queryKey: teamKeys.rules,
    queryFn: ({ signal }) => api.get<AssignmentRule[]>('/assignment-rules', undefined, signal),
  });
}

export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AssignmentRuleCreate | AssignmentRuleUpdate }) =>
      id
        ? api.patch<AssignmentRule>(`/assignment-rules/${id}`, body)
        : api.post<AssignmentRule>('/assignment-rules', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: teamKeys.rules });
    },
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/assignment-rules/${id}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: teamKeys.rules });
    },
  });
}

export function useReorderRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<AssignmentRule[]>('/assignment-rules/order', { ids }),
    onSuccess: (rules) => client.setQueryData(teamKeys.rules, rules),
  });
}

export function useWorkload(teamId?: string) {
  return useQuery({
    queryKey: teamKeys.workload(teamId),
    queryFn: ({ signal }) => api.get<Workload>('/workload', { teamId }, signal),
    ...live,
  });
}

export function useCaseLinks(caseId: string) {
  return useQuery({
    queryKey: teamKeys.links(caseId),
    queryFn: ({ signal }) => api.get<CaseMergeLinks>(`/cases/${caseId}/merges`, undefined, signal),
    ...live,
  });
}

export function usePortalCaseLinks(caseId: string | undefined) {
  return useQuery({
    queryKey: teamKeys.portalLinks(caseId ?? ''),
    queryFn: ({ signal }) =>
      api.get<CaseMergeLinks>(`/portal/cases/${caseId ?? ''}/merges`, undefined, signal),
    enabled: !!caseId,
    ...live,
  });
}

export function useMergeCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { targetCaseId: string; version: number }) =>
      api.post<CaseDetail>(`/cases/${caseId}/merge`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.all });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

export function useSplitCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { messageId: string; subject?: string }) =>
      api.post<CaseSplitResult>(`/cases/${caseId}/split`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.all });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

export function sendPresence(caseId: string, state: PresenceState): Promise<CasePresence> {
  return api.put<CasePresence>(`/cases/${caseId}/presence`, { state });
}

export function fetchPresence(caseId: string): Promise<CasePresence> {
  return api.get<CasePresence>(`/cases/${caseId}/presence`);
}
