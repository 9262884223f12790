import { useQuery } from '@tanstack/react-query';
import type {
  PageOf,
  Product,
  ServiceCalendar,
  ServiceContract,
  ServiceContractCreate,
  ServiceContractUpdate,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import { createResource } from '../../lib/resource';

export const serviceContracts = createResource<ServiceContract, ServiceContractCreate, ServiceContractUpdate>(
  'service-contracts',
  '/service-contracts',
);

/** The service calendars a contract may use. */
export function useCalendars(enabled = true) {
  return useQuery({
    queryKey: ['calendars'],
    queryFn: ({ signal }) => api.get<ServiceCalendar[]>('/calendars', undefined, signal),
    enabled,
  });
}

/** Every edition of every product, as "Product · Edition" options. */
export function useEditionOptions(enabled = true) {
  return useQuery({
    queryKey: ['products', 'list', { pageSize: 200, editions: true }],
    queryFn: ({ signal }) => api.get<PageOf<Product>>('/products', { pageSize: 200 }, signal),
    enabled,
    select: (page) =>
      page.items.flatMap((p) => p.editions.map((e) => ({ value: e.id, label: `${p.name} · ${e.name}` }))),
  });
}
