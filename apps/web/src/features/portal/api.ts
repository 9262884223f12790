import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PageOf, PortalAsset, PortalCompany, PortalOrder } from '@aftercare/contracts';
import { api } from '../../lib/api';

export function usePortalCompany() {
  return useQuery({
    queryKey: ['portal', 'company'],
    queryFn: ({ signal }) => api.get<PortalCompany>('/portal/company', undefined, signal),
  });
}

export function usePortalAssets(query: { page: number; pageSize: number; q?: string }) {
  return useQuery({
    queryKey: ['portal', 'assets', query],
    queryFn: ({ signal }) => api.get<PageOf<PortalAsset>>('/portal/assets', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalOrders(query: { page: number; pageSize: number; q?: string }, enabled: boolean) {
  return useQuery({
    queryKey: ['portal', 'orders', query],
    queryFn: ({ signal }) => api.get<PageOf<PortalOrder>>('/portal/orders', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePortalOrder(id: string | null) {
  return useQuery({
    queryKey: ['portal', 'order', id],
    queryFn: ({ signal }) => api.get<PortalOrder>(`/portal/orders/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}
