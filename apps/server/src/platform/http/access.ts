import { pickLocale, type Locale, type ModuleKey, type Permission } from '@aftercare/contracts';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Principal } from '../auth/principal.js';
import { resolvePrincipal } from '../auth/resolve.js';
import { AppError } from './errors.js';

/** What a route requires. Every route declares one; a route without one stops the server at boot. */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'staff'; permission: Permission | null }
  | { kind: 'contact' };

export const access = {
  /** Anyone, signed in or not (sign-in, sign-up, health, public pages). */
  public: (): Access => ({ kind: 'public' }),
  /** Any signed-in person, staff or contact (their own profile, sign-out). */
  signedIn: (): Access => ({ kind: 'signedIn' }),
  /** Staff holding a permission (or any staff member when none is given). */
  staff: (permission: Permission | null = null): Access => ({ kind: 'staff', permission }),
  /** A customer's contact signed in to the portal. */
  contact: (): Access => ({ kind: 'contact' }),
};

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    locale: Locale;
  }
  interface FastifyInstance {
    /** Every route with its access and schema, as registered; tests walk it. */
    routeTable: RouteInfo[];
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The module this route belongs to; when the workspace has it off, the route answers 404. */
    module?: ModuleKey;
  }
}

/** Routes registered by third-party plugins that are public by design (the API explorer). */
const PUBLIC_PLUGIN_PREFIXES = ['/api/docs'];

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  module: ModuleKey | undefined;
  schema: RouteOptions['schema'];
}

export const SESSION_COOKIE = 'ac_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAccess(app: FastifyInstance, deps: { database: Database; clock: Clock }): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'zh-CN');

  app.decorate('routeTable', [] as RouteInfo[]);
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access; module?: ModuleKey };
    if (!config.access) {
      if (!PUBLIC_PLUGIN_PREFIXES.some((p) => route.url.startsWith(p)))
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
      route.config = { ...(route.config as object), access: access.public() };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeTable.push({
        method: String(method),
        url: route.url,
        access: (route.config as { access: Access }).access,
        module: config.module,
        schema: route.schema,
      });
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const config = request.routeOptions.config;
    const required = config.access;
    if (!required) return; // 404 handler
    // Static files of the web app need no session lookup.
    if (required.kind === 'public' && !request.url.startsWith('/api/')) return;
    const principal = await resolvePrincipal(request, deps);
    request.principal = principal;
    if (principal) request.locale = principal.locale;

    if (required.kind === 'public') return;
    if (!principal) throw new AppError('unauthenticated');
    if (config.module && !principal.workspace.modules[config.module]) throw new AppError('module_disabled');
    if (principal.via.type === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== principal.via.csrfToken) throw new AppError('csrf_failed');
    }
    if (required.kind === 'signedIn') return;
    if (required.kind === 'contact') {
      if (principal.kind !== 'contact') throw new AppError('forbidden');
      return;
    }
    if (principal.kind !== 'staff') throw new AppError('forbidden');
    if (principal.via.type === 'token' && principal.via.scope === 'read' && UNSAFE.has(request.method))
      throw new AppError('forbidden');
    if (required.permission && !principal.permissions.has(required.permission))
      throw new AppError('forbidden');
  });
}

export function requireStaff(request: FastifyRequest): Extract<Principal, { kind: 'staff' }> {
  const p = request.principal;
  if (!p || p.kind !== 'staff') throw new AppError('unauthenticated');
  return p;
}

export function requireContact(request: FastifyRequest): Extract<Principal, { kind: 'contact' }> {
  const p = request.principal;
  if (!p || p.kind !== 'contact') throw new AppError('unauthenticated');
  return p;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new AppError('unauthenticated');
  return p;
}
