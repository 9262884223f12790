import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Me, Permission } from '@aftercare/contracts';
import { api, isApiError, setCsrfToken } from '../../lib/api';

export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** The signed-in person (staff or contact), or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/** Stores a fresh Me (after login, profile change…) so every screen sees it at once. */
export function storeMe(client: QueryClient, me: Me | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  client.setQueryData(meKey, me);
}

export function useStoreMe() {
  const client = useQueryClient();
  return useCallback((me: Me | null) => storeMe(client, me), [client]);
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.kind === 'staff' && me.permissions.includes(permission);
}

/** `can('customers.write')` for the signed-in staff member. */
export function useCan() {
  const { data: me } = useMe();
  return useCallback((permission: Permission) => hasPermission(me, permission), [me]);
}

export async function signOut(client: QueryClient): Promise<void> {
  try {
    await api.post('/auth/logout');
  } catch {
    // The session may already be gone; sign out locally anyway.
  }
  storeMe(client, null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

/** The signed-in person inside a guarded area (RequireAccount has already waited for it). */
export function useSignedIn(): Me {
  const { data: me } = useMe();
  if (!me) throw new Error('useSignedIn() used outside a signed-in area');
  return me;
}
