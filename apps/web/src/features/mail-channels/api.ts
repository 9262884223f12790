import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MailChannel,
  MailChannelCreate,
  MailChannelList,
  MailChannelTestResult,
  MailChannelUpdate,
  MailOriginal,
} from '@aftercare/contracts';
import { api } from '../../lib/api';

export const mailKeys = {
  channels: ['mail-channels'] as const,
  originals: (caseId: string) => ['cases', 'mail-originals', caseId] as const,
};

export function useMailChannels() {
  return useQuery({
    queryKey: mailKeys.channels,
    queryFn: ({ signal }) => api.get<MailChannelList>('/mail-channels', undefined, signal),
  });
}

export function useSaveMailChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: MailChannelCreate | MailChannelUpdate }) =>
      id
        ? api.patch<MailChannel>(`/mail-channels/${id}`, body)
        : api.post<MailChannel>('/mail-channels', body),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.channels }),
  });
}

export function useDeleteMailChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/mail-channels/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.channels }),
  });
}

export function useTestMailChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<MailChannelTestResult>(`/mail-channels/${id}/test`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: mailKeys.channels }),
  });
}

/** The full originals of a case's messages that came in by mail, by case message id. */
export function useMailOriginals(caseId: string | undefined) {
  return useQuery({
    queryKey: mailKeys.originals(caseId ?? ''),
    queryFn: ({ signal }) =>
      api.get<MailOriginal[]>(`/cases/${caseId ?? ''}/mail-originals`, undefined, signal),
    enabled: Boolean(caseId),
    select: (list) => new Map(list.map((o) => [o.caseMessageId, o])),
  });
}
