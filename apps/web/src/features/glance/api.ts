import { useQuery } from '@tanstack/react-query';
import type { CaseContext } from '@aftercare/contracts';
import { api } from '../../lib/api';

export function useCaseContext(caseId: string) {
  return useQuery({
    queryKey: ['cases', 'context', caseId],
    queryFn: ({ signal }) => api.get<CaseContext>(`/cases/${caseId}/context`, undefined, signal),
  });
}
