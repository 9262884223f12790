import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedView, SavedViewCreate, SavedViewList, SavedViewUpdate } from '@aftercare/contracts';
import { api } from '../../lib/api';

export const savedViewKeys = {
  all: ['case-views'] as const,
  list: (counts: boolean) => ['case-views', 'list', counts] as const,
};

/** The user's own saved views and those shared with the workspace, with their current counts. */
export function useSavedViews() {
  return useQuery({
    queryKey: savedViewKeys.list(true),
    queryFn: ({ signal }) => api.get<SavedViewList>('/case-views', { counts: true }, signal),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}

export function useCreateSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreate) => api.post<SavedView>('/case-views', body),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewKeys.all }),
  });
}

export function useUpdateSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SavedViewUpdate & { id: string }) =>
      api.patch<SavedView>(`/case-views/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewKeys.all }),
  });
}

export function useDeleteSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/case-views/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewKeys.all }),
  });
}
