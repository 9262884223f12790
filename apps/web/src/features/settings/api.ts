import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApiToken,
  ApiTokenCreated,
  Department,
  DepartmentKind,
  InviteBody,
  InviteResult,
  Locale,
  ModuleKey,
  PageOf,
  Permission,
  Role,
  User,
  WorkspaceSettings,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import { meKey } from '../auth/session';

export type Workspace = WorkspaceSettings;
export type InviteResultT = InviteResult;
export type TokenCreated = ApiTokenCreated;

export const workspaceKey = ['workspace'] as const;

export function useWorkspace() {
  return useQuery({ queryKey: workspaceKey, queryFn: () => api.get<Workspace>('/workspace') });
}

export interface WorkspacePatch {
  name?: string;
  timezone?: string;
  defaultLocale?: Locale;
  modules?: Partial<Record<ModuleKey, boolean>>;
  version: number;
}

/** Saves workspace settings; the menu depends on modules, so /auth/me is fetched again afterwards. */
export function useUpdateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkspacePatch) => api.patch<Workspace>('/workspace', patch),
    onSuccess: async (workspace) => {
      client.setQueryData(workspaceKey, workspace);
      await client.invalidateQueries({ queryKey: meKey });
    },
  });
}

export interface UserFilters {
  page?: number;
  pageSize?: number;
  q?: string;
  status?: string;
  departmentId?: string;
}

export function useUsers(filters: UserFilters, enabled = true) {
  return useQuery({
    queryKey: ['users', filters],
    queryFn: () => api.get<PageOf<User>>('/users', { ...filters }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useRoles(enabled = true) {
  return useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/roles'), enabled });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<Department[]>('/departments'),
    enabled,
  });
}

export interface MembershipInput {
  departmentId: string;
  lead: boolean;
}

export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteBody) => api.post<InviteResultT>('/users/invitations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResendInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.post<InviteResultT>(`/users/${userId}/resend-invite`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export interface UserPatch {
  name?: string;
  roleIds?: string[];
  departments?: MembershipInput[];
  status?: 'active' | 'disabled';
  version: number;
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => api.patch<User>(`/users/${id}`, patch),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
      await client.invalidateQueries({ queryKey: ['departments'] });
    },
  });
}

export interface RoleInput {
  name: string;
  permissions: Permission[];
}

export function useSaveRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RoleInput }) =>
      id ? api.put<Role>(`/roles/${id}`, body) : api.post<Role>('/roles', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roles'] }),
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/roles/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roles'] }),
  });
}

export interface DepartmentInput {
  name: string;
  kind: DepartmentKind;
}

export function useSaveDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: DepartmentInput }) =>
      id ? api.put<Department>(`/departments/${id}`, body) : api.post<Department>('/departments', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['departments'] }),
  });
}

export function useDeleteDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/departments/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['departments'] }),
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: () => api.get<ApiToken[]>('/api-tokens') });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scope: ApiToken['scope']; expiresAt?: string }) =>
      api.post<TokenCreated>('/api-tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
