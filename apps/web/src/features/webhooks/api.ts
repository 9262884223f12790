import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BotTarget,
  BotTargetCreate,
  BotTargetUpdate,
  Delivery,
  DeliveryStatus,
  IntegrationSettings,
  PageOf,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@aftercare/contracts';
import { api } from '../../lib/api';

export const integrationKeys = {
  settings: ['integration-settings'] as const,
  webhooks: ['webhooks'] as const,
  bots: ['bots'] as const,
  deliveries: (base: string) => ['deliveries', base] as const,
};

export function useIntegrationSettings() {
  return useQuery({
    queryKey: integrationKeys.settings,
    queryFn: ({ signal }) => api.get<IntegrationSettings>('/integration-settings', undefined, signal),
  });
}

export function useSaveIntegrationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { allowPrivateTargets: boolean; version: number }) =>
      api.put<IntegrationSettings>('/integration-settings', body),
    onSuccess: (data) => client.setQueryData(integrationKeys.settings, data),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: integrationKeys.webhooks,
    queryFn: ({ signal }) => api.get<WebhookEndpoint[]>('/webhooks', undefined, signal),
  });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookEndpointCreate) => api.post<WebhookEndpointWithSecret>('/webhooks', body),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.webhooks }),
  });
}

export function useUpdateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WebhookEndpointUpdate }) =>
      api.patch<WebhookEndpoint>(`/webhooks/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/webhooks/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.webhooks }),
  });
}

export function useRotateWebhookSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookEndpointWithSecret>(`/webhooks/${id}/rotate-secret`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.webhooks }),
  });
}

export function useBots() {
  return useQuery({
    queryKey: integrationKeys.bots,
    queryFn: ({ signal }) => api.get<BotTarget[]>('/bots', undefined, signal),
  });
}

export function useSaveBot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: BotTargetCreate | BotTargetUpdate }) =>
      id ? api.patch<BotTarget>(`/bots/${id}`, body) : api.post<BotTarget>('/bots', body),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.bots }),
  });
}

export function useDeleteBot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/bots/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.bots }),
  });
}

/** `base` is `/webhooks/<id>` or `/bots/<id>`: both have the same test, log and replay routes. */
export function useDeliveries(base: string | null, page: number, status: DeliveryStatus | undefined) {
  return useQuery({
    queryKey: [...integrationKeys.deliveries(base ?? ''), page, status ?? ''],
    queryFn: ({ signal }) =>
      api.get<PageOf<Delivery>>(`${base}/deliveries`, { page, pageSize: 10, status }, signal),
    enabled: base !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSendTest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (base: string) => api.post<Delivery>(`${base}/test`),
    onSuccess: (_, base) => client.invalidateQueries({ queryKey: integrationKeys.deliveries(base) }),
  });
}

export function useReplay(base: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api.post<Delivery>(`${base}/deliveries/${deliveryId}/replay`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.deliveries(base) }),
  });
}
