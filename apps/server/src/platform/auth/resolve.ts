import type { Locale, Permission } from '@aftercare/contracts';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { hashSecret, isUuid } from '../ids.js';
import { AuthRepository, findWorkspaceById } from './auth.repository.js';
import type { Principal } from './principal.js';

const SESSION_COOKIE = 'ac_session';
const TOUCH_EVERY_MS = 5 * 60_000;
const ADMIN_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'workspace.manage',
  'users.manage',
  'tokens.manage',
]);

/** Cookie and token values carry their workspace so that every lookup is scoped: `<workspaceId>.<secret>`. */
export function splitScopedSecret(value: string): { workspaceId: string; secret: string } | undefined {
  const dot = value.indexOf('.');
  if (dot !== 36) return undefined;
  const workspaceId = value.slice(0, 36);
  const secret = value.slice(37);
  if (!isUuid(workspaceId) || secret.length < 20 || secret.length > 200) return undefined;
  return { workspaceId, secret };
}

/** API tokens look like `act_<workspaceId>.<secret>`. */
export const API_TOKEN_PREFIX = 'act_';

export async function resolvePrincipal(
  request: FastifyRequest,
  deps: { database: Database; clock: Clock },
): Promise<Principal | null> {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return resolveToken(auth.slice(7).trim(), deps);
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const parsed = splitScopedSecret(cookie);
  if (!parsed) return null;
  const { db } = deps.database;
  const now = deps.clock.now();
  const repo = new AuthRepository(db, parsed.workspaceId);
  // The session and its workspace are independent reads: on PostgreSQL they go out at once.
  const [session, workspace] = await Promise.all([
    repo.findLiveSession(hashSecret(parsed.secret), now.toISOString()),
    findWorkspaceById(db, parsed.workspaceId),
  ]);
  if (!session || !workspace) return null;
  if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS)
    await repo.touchSession(session.id, now.toISOString());
  const via = { type: 'session' as const, sessionId: session.id, csrfToken: session.csrfToken };
  if (session.subjectType === 'user') {
    const user = await repo.staffIdentity(session.subjectId);
    if (!user || user.status !== 'active') return null;
    return {
      kind: 'staff',
      workspace,
      userId: session.subjectId,
      name: user.name,
      email: user.email,
      locale: user.locale as Locale,
      permissions: new Set(user.permissions),
      via,
    };
  }
  const contact = await repo.contactIdentity(session.subjectId);
  if (!contact || !contact.portalAccess) return null;
  return {
    kind: 'contact',
    workspace,
    contactId: session.subjectId,
    customerId: contact.customerId,
    customerName: contact.customerName,
    companyWide: contact.companyWide,
    name: contact.name,
    email: contact.email,
    locale: contact.locale as Locale,
    via,
  };
}

async function resolveToken(
  raw: string,
  deps: { database: Database; clock: Clock },
): Promise<Principal | null> {
  if (!raw.startsWith(API_TOKEN_PREFIX)) return null;
  const parsed = splitScopedSecret(raw.slice(API_TOKEN_PREFIX.length));
  if (!parsed) return null;
  const { db } = deps.database;
  const now = deps.clock.now();
  const repo = new AuthRepository(db, parsed.workspaceId);
  const [token, workspace] = await Promise.all([
    repo.findApiToken(hashSecret(parsed.secret)),
    findWorkspaceById(db, parsed.workspaceId),
  ]);
  if (!token || token.revokedAt || (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()))
    return null;
  const user = await repo.staffIdentity(token.userId);
  if (!workspace || !user || user.status !== 'active') return null;
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > TOUCH_EVERY_MS)
    await repo.touchApiToken(token.id, now.toISOString());
  const permissions = user.permissions.filter((p) => scopeAllows(token.scope, p));
  return {
    kind: 'staff',
    workspace,
    userId: token.userId,
    name: user.name,
    email: user.email,
    locale: user.locale as Locale,
    permissions: new Set(permissions),
    via: { type: 'token', tokenId: token.id, scope: token.scope },
  };
}

/** read: only *.read permissions; write: everything but administration; admin: everything the user has. */
export function scopeAllows(scope: string, permission: Permission): boolean {
  if (scope === 'admin') return true;
  if (scope === 'write') return !ADMIN_PERMISSIONS.has(permission);
  return permission.endsWith('.read');
}
