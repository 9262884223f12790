import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MailPreview,
  MailPreviewRequest,
  MailSettings,
  MailSettingsUpdate,
  MailTestResult,
  MessageDelivery,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import { caseKeys } from '../cases/api';

const settingsKey = ['mail-outbound', 'settings'] as const;

export function useMailSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<MailSettings>('/mail-settings', undefined, signal),
  });
}

export function useSaveMailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsUpdate) => api.put<MailSettings>('/mail-settings', body),
    onSuccess: (saved) => client.setQueryData(settingsKey, saved),
  });
}

export function useSendTestMail() {
  return useMutation({ mutationFn: () => api.post<MailTestResult>('/mail-settings/test') });
}

/** The acknowledgement rendered with the brand being edited (both languages). */
export function useMailPreview(body: MailPreviewRequest | null) {
  return useQuery({
    queryKey: ['mail-outbound', 'preview', body],
    queryFn: () => api.post<MailPreview>('/mail-settings/preview', body),
    enabled: body !== null,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

export function useRetryMail(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mailId: string) => api.post<MessageDelivery>(`/cases/${caseId}/mail/retry`, { mailId }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
  });
}
