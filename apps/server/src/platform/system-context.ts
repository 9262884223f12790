import type { Locale, ModuleKey } from '@aftercare/contracts';
import type { Deps, ServiceContext } from './context.js';
import type { Executor } from './db/database.js';
import { newId } from './ids.js';

/** The columns of a workspace a system context is built from. */
export interface WorkspaceRowLite {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  default_locale: string;
  modules: string;
}

/** A context that acts as the system (no person) in one workspace: sweeps, dispatchers, mail intake. */
export function systemContext(deps: Deps, w: WorkspaceRowLite, purpose: string): ServiceContext {
  return {
    ...deps,
    workspace: {
      id: w.id,
      slug: w.slug,
      name: w.name,
      timezone: w.timezone,
      defaultLocale: w.default_locale as Locale,
      modules: JSON.parse(w.modules) as Record<ModuleKey, boolean>,
    },
    actor: { type: 'system', id: null, name: null },
    principal: null,
    requestId: `${purpose}-${newId()}`,
    locale: w.default_locale as Locale,
  };
}

/** The workspaces with these ids, by id (one query). */
export async function loadWorkspaces(db: Executor, ids: string[]): Promise<Map<string, WorkspaceRowLite>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'timezone', 'default_locale', 'modules'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
