import { useQuery } from '@tanstack/react-query';
import type { ReportsOverview } from '@aftercare/contracts';
import { api } from '../../lib/api';

export function useOverview() {
  return useQuery({
    queryKey: ['reports', 'overview'],
    queryFn: ({ signal }) => api.get<ReportsOverview>('/reports/overview', undefined, signal),
  });
}
