import type { Locale } from '@aftercare/contracts';
import type { FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Database, Tx } from './db/database.js';
import type { Mailer } from './mail/mailer.js';
import { actorOf, type Actor, type Principal, type WorkspaceInfo } from './auth/principal.js';
import { AppError } from './http/errors.js';

/** What the server is built from; tests pass their own (database, clock). */
export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  mailer: Mailer;
}

/** Everything a service needs to act for one person in one workspace. */
export interface ServiceContext extends Deps {
  workspace: WorkspaceInfo;
  actor: Actor;
  principal: Principal | null;
  requestId: string;
  locale: Locale;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}

export function contextOf(request: FastifyRequest): ServiceContext {
  const principal = request.principal;
  if (!principal) throw new AppError('unauthenticated');
  return {
    ...request.server.deps,
    workspace: principal.workspace,
    actor: actorOf(principal),
    principal,
    requestId: request.id,
    locale: request.locale,
  };
}

/**
 * Runs a unit of work in one transaction; nothing is acknowledged before it commits. When PostgreSQL aborts
 * it as a deadlock victim or a serialization failure, nothing of it was kept, and the work runs again from the
 * start (at most 3 times in all) instead of answering 500 to a request that did nothing wrong.
 */
export async function inTransaction<T>(ctx: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.database.db.transaction().execute(fn);
    } catch (err) {
      if (attempt >= 3 || !isRetryableAbort(err)) throw err;
    }
  }
}

/** PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001). */
export function isRetryableAbort(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
