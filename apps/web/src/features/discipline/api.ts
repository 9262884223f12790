import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementLinkSent,
  AgreementLinkView,
  CaseDiscipline,
  CaseLinkInput,
  CaseLinkUpdate,
  CheckpointInput,
  CheckpointUpdate,
  DisciplineSettings,
  DisciplineSettingsInput,
  SummaryScheduleInput,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import {
  caseKeys,
  portalCaseKeys,
  type PortalCaseDetailWithDiscipline,
  type StaffCaseDetail,
} from '../cases/api';

/** Every discipline write answers the whole discipline: put it on the case, then refetch the case. */
function useStaffWrite<TBody>(caseId: string, send: (body: TBody) => Promise<CaseDiscipline>) {
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

export function useAddLink(caseId: string) {
  return useStaffWrite(caseId, (body: CaseLinkInput) =>
    api.post<CaseDiscipline>(`/cases/${caseId}/links`, body),
  );
}

export function useUpdateLink(caseId: string) {
  return useStaffWrite(caseId, ({ id, ...body }: CaseLinkUpdate & { id: string }) =>
    api.patch<CaseDiscipline>(`/cases/${caseId}/links/${id}`, body),
  );
}

export function useRemoveLink(caseId: string) {
  return useStaffWrite(caseId, (id: string) => api.delete<CaseDiscipline>(`/cases/${caseId}/links/${id}`));
}

export function useAddCheckpoint(caseId: string) {
  return useStaffWrite(caseId, (body: CheckpointInput) =>
    api.post<CaseDiscipline>(`/cases/${caseId}/checkpoints`, body),
  );
}

export function useUpdateCheckpoint(caseId: string) {
  return useStaffWrite(caseId, ({ id, ...body }: CheckpointUpdate & { id: string }) =>
    api.patch<CaseDiscipline>(`/cases/${caseId}/checkpoints/${id}`, body),
  );
}

export function useRemoveCheckpoint(caseId: string) {
  return useStaffWrite(caseId, (id: string) =>
    api.delete<CaseDiscipline>(`/cases/${caseId}/checkpoints/${id}`),
  );
}

export function useSetSummarySchedule(caseId: string) {
  return useStaffWrite(caseId, (body: SummaryScheduleInput) =>
    api.put<CaseDiscipline>(`/cases/${caseId}/summary-schedule`, body),
  );
}

export function useSendAgreementLink(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AgreementLinkSent>(`/cases/${caseId}/agreement/send`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['history'] }),
  });
}

export function useDisciplineSettings() {
  return useQuery({
    queryKey: ['discipline-settings'],
    queryFn: () => api.get<DisciplineSettings>('/discipline/settings'),
  });
}

export function useSaveDisciplineSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DisciplineSettingsInput) => api.put<DisciplineSettings>('/discipline/settings', body),
    onSuccess: (saved) => client.setQueryData(['discipline-settings'], saved),
  });
}

export function useAcknowledgeCheckpoint(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<CaseDiscipline>(`/portal/cases/${caseId}/checkpoints/${id}/acknowledge`),
    onSuccess: async (discipline) => {
      client.setQueryData<PortalCaseDetailWithDiscipline>(portalCaseKeys.one(caseId), (prev) =>
        prev ? { ...prev, discipline } : prev,
      );
      await client.invalidateQueries({ queryKey: portalCaseKeys.one(caseId) });
    },
  });
}

export function useAgreementLink(token: string) {
  return useQuery({
    queryKey: ['agreement-link', token],
    queryFn: () => api.post<AgreementLinkView>('/public/agreement-link', { token }),
    enabled: token !== '',
    retry: false,
  });
}

export function useConfirmAgreementLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AgreementLinkView>('/public/agreement-link/confirm', { token }),
    onSuccess: (view) => client.setQueryData(['agreement-link', token], view),
  });
}
