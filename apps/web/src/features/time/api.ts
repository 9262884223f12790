import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseTime, TimeEntry, TimeEntryCreate, TimeEntryUpdate, TimeReport } from '@aftercare/contracts';
import { api, buildQuery, type QueryParams } from '../../lib/api';

const caseTimeKey = (caseId: string) => ['time', 'case', caseId] as const;

export function useCaseTime(caseId: string) {
  return useQuery({
    queryKey: caseTimeKey(caseId),
    queryFn: ({ signal }) => api.get<CaseTime>(`/cases/${caseId}/time`, undefined, signal),
  });
}

export function useSaveTimeEntry(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: TimeEntryCreate | TimeEntryUpdate }) =>
      id
        ? api.patch<TimeEntry>(`/cases/${caseId}/time/${id}`, body)
        : api.post<TimeEntry>(`/cases/${caseId}/time`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['time'] }),
  });
}

export function useDeleteTimeEntry(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/cases/${caseId}/time/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['time'] }),
  });
}

export function useTimeReport(query: QueryParams) {
  return useQuery({
    queryKey: ['time', 'report', query],
    queryFn: ({ signal }) => api.get<TimeReport>('/time-entries', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export is a plain download (the session cookie goes with it). */
export function timeExportUrl(query: QueryParams): string {
  return `/api/time-entries/export${buildQuery(query)}`;
}
