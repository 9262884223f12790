import type { Locale, ModuleKey, Permission } from '@aftercare/contracts';

export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  defaultLocale: Locale;
  modules: Record<ModuleKey, boolean>;
}

interface Base {
  workspace: WorkspaceInfo;
  name: string;
  email: string;
  locale: Locale;
}

/** A staff member, signed in through a session or an API token. */
export interface StaffPrincipal extends Base {
  kind: 'staff';
  userId: string;
  permissions: ReadonlySet<Permission>;
  via:
    | { type: 'session'; sessionId: string; csrfToken: string }
    | { type: 'token'; tokenId: string; scope: string };
}

/** A customer's contact, signed in to the portal. */
export interface ContactPrincipal extends Base {
  kind: 'contact';
  contactId: string;
  customerId: string;
  customerName: string;
  companyWide: boolean;
  via: { type: 'session'; sessionId: string; csrfToken: string };
}

export type Principal = StaffPrincipal | ContactPrincipal;

/** Who a change is attributed to in the audit log. */
export interface Actor {
  type: 'user' | 'contact' | 'system';
  id: string | null;
  name: string | null;
}

export function actorOf(p: Principal | null): Actor {
  if (!p) return { type: 'system', id: null, name: null };
  return p.kind === 'staff'
    ? { type: 'user', id: p.userId, name: p.name }
    : { type: 'contact', id: p.contactId, name: p.name };
}

export function requireStaffOf(p: Principal | null): StaffPrincipal {
  if (!p || p.kind !== 'staff') throw new Error('a staff principal is required here');
  return p;
}
