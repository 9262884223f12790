import { useQuery } from '@tanstack/react-query';
import type { AttachmentUpload, MyMention, PageOf, User } from '@aftercare/contracts';
import { api } from '../../lib/api';

/** Staff upload to /attachments, contacts to /portal/attachments; each downloads from its own side. */
export type Audience = 'staff' | 'portal';

const base = (audience: Audience) => (audience === 'staff' ? '/attachments' : '/portal/attachments');

export function uploadAttachment(
  audience: Audience,
  file: File | Blob,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<AttachmentUpload> {
  return api.upload<AttachmentUpload>(base(audience), file, { onProgress, signal });
}

/** Removes one of my uploads that was never attached (best effort: it expires anyway). */
export function removeUpload(audience: Audience, id: string): Promise<unknown> {
  return api.delete(`${base(audience)}/${id}`);
}

/** Active colleagues whose name or email matches, for the @mention autocomplete. */
export function useColleagues(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'mention', q],
    queryFn: ({ signal }) =>
      api.get<PageOf<User>>('/users', { status: 'active', q: q || undefined, pageSize: 20 }, signal),
    enabled,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

export function useMyMentions(page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['me', 'mentions', page],
    queryFn: ({ signal }) => api.get<PageOf<MyMention>>('/me/mentions', { page, pageSize: 10 }, signal),
    enabled,
    placeholderData: (previous) => previous,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}
