import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Limits,
  type CalendarPreview,
  type PageOf,
  type ServiceCalendar,
  type ServiceCalendarCreate,
  type ServiceCalendarUpdate,
  type ServiceContract,
  type SlaPolicy,
} from '@aftercare/contracts';
import { api } from '../../lib/api';

/** Same key as the calendar picker of the contracts feature, so both stay in step. */
export const calendarKeys = {
  all: ['calendars'] as const,
  preview: (id: string, from: string, days: number) => ['calendars', 'preview', id, from, days] as const,
};

export function useCalendarList() {
  return useQuery({
    queryKey: calendarKeys.all,
    queryFn: ({ signal }) => api.get<ServiceCalendar[]>('/calendars', undefined, signal),
  });
}

export function useCalendarPreview(id: string | undefined, from: string, days: number) {
  return useQuery({
    queryKey: calendarKeys.preview(id ?? '', from, days),
    queryFn: ({ signal }) =>
      api.get<CalendarPreview>(`/calendars/${id ?? ''}/preview`, { from, days }, signal),
    enabled: Boolean(id),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: calendarKeys.all });
}

export function useCreateCalendar() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ServiceCalendarCreate) => api.post<ServiceCalendar>('/calendars', body),
    onSuccess: refresh,
  });
}

export function useUpdateCalendar() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: ServiceCalendarUpdate & { id: string }) =>
      api.patch<ServiceCalendar>(`/calendars/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteCalendar() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/calendars/${id}`),
    onSuccess: refresh,
  });
}

export function useImportIcs() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ics }: { id: string; ics: string }) =>
      api.post<ServiceCalendar>(`/calendars/${id}/import-ics`, { ics }),
    onSuccess: refresh,
  });
}

/** Who counts in each calendar: SLA policies (cases.read) and service contracts (customers.read). */
export function useCalendarUsers(canPolicies: boolean, canContracts: boolean) {
  const policies = useQuery({
    queryKey: ['sla-policies'],
    queryFn: ({ signal }) => api.get<SlaPolicy[]>('/sla-policies', undefined, signal),
    enabled: canPolicies,
  });
  const contracts = useQuery({
    queryKey: ['service-contracts', 'list', { pageSize: Limits.pageSizeMax, calendars: true }],
    queryFn: ({ signal }) =>
      api.get<PageOf<ServiceContract>>('/service-contracts', { pageSize: Limits.pageSizeMax }, signal),
    enabled: canContracts,
  });
  const users = new Map<string, { policies: string[]; contracts: string[] }>();
  const entry = (id: string) => {
    const e = users.get(id) ?? { policies: [], contracts: [] };
    users.set(id, e);
    return e;
  };
  for (const p of policies.data ?? []) entry(p.calendarId).policies.push(p.name);
  for (const c of contracts.data?.items ?? []) if (c.calendarId) entry(c.calendarId).contracts.push(c.name);
  return users;
}
