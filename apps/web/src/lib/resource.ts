import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageOf } from '@aftercare/contracts';
import { api, type QueryParams } from './api';

/**
 * Query and mutation hooks for a REST collection under /api (`/customers`, `/customers/:id`, …).
 * Lists are keyed by [name, 'list', query]; single records by [name, id]. Any change refreshes both.
 */
export function createResource<T extends { id: string }, Create, Update>(name: string, path: string) {
  const keys = {
    all: [name] as const,
    list: (query: QueryParams) => [name, 'list', query] as const,
    one: (id: string) => [name, 'one', id] as const,
  };

  function useList(query: QueryParams, options: { enabled?: boolean } = {}) {
    return useQuery({
      queryKey: keys.list(query),
      queryFn: ({ signal }) => api.get<PageOf<T>>(path, query, signal),
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    });
  }

  function useOne(id: string | undefined) {
    return useQuery({
      queryKey: keys.one(id ?? ''),
      queryFn: ({ signal }) => api.get<T>(`${path}/${id ?? ''}`, undefined, signal),
      enabled: !!id,
    });
  }

  function useCreate() {
    const client = useQueryClient();
    return useMutation({
      mutationFn: (body: Create) => api.post<T>(path, body),
      onSuccess: async (created) => {
        client.setQueryData(keys.one(created.id), created);
        await client.invalidateQueries({ queryKey: [name, 'list'] });
      },
    });
  }

  function useUpdate() {
    const client = useQueryClient();
    return useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: Update }) => api.patch<T>(`${path}/${id}`, patch),
      onSuccess: async (updated) => {
        client.setQueryData(keys.one(updated.id), updated);
        await client.invalidateQueries({ queryKey: [name, 'list'] });
        await client.invalidateQueries({ queryKey: ['history'] });
      },
    });
  }

  function useRemove() {
    const client = useQueryClient();
    return useMutation({
      mutationFn: (id: string) => api.delete(`${path}/${id}`),
      onSuccess: async (_result, id) => {
        client.removeQueries({ queryKey: keys.one(id) });
        await client.invalidateQueries({ queryKey: [name, 'list'] });
      },
    });
  }

  return { keys, useList, useOne, useCreate, useUpdate, useRemove };
}
