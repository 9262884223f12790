import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  WebFormConfig,
  WebFormReceipt,
  WebFormSettings,
  WebFormSettingsUpdate,
  WebFormSubmission,
} from '@aftercare/contracts';
import { api } from '../../lib/api';

const settingsKey = ['webform', 'settings'] as const;

export function useWebFormSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<WebFormSettings>('/webform/settings', undefined, signal),
  });
}

export function useSaveWebFormSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WebFormSettingsUpdate) => api.put<WebFormSettings>('/webform/settings', body),
    onSuccess: (saved) => client.setQueryData(settingsKey, saved),
  });
}

/** The public form: a fresh token and challenge each time it is loaded (never cached). */
export function usePublicForm(slug: string | undefined, language: string) {
  return useQuery({
    queryKey: ['webform', 'public', slug, language],
    queryFn: ({ signal }) =>
      api.get<WebFormConfig>(`/public/forms/${encodeURIComponent(slug ?? '')}`, undefined, signal),
    enabled: Boolean(slug),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitPublicForm(slug: string | undefined) {
  return useMutation({
    mutationFn: (body: WebFormSubmission) =>
      api.post<WebFormReceipt>(`/public/forms/${encodeURIComponent(slug ?? '')}`, body),
  });
}
