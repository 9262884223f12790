import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { GlobalTables } from './schema.js';

/**
 * Refuses any query that touches a tenant table without naming workspace_id.
 * Repositories scope every query by their workspace; this plugin makes forgetting it fail loudly in every
 * environment instead of leaking another workspace's rows. It is a net under the repositories, not a
 * replacement for them: the cross-workspace access test proves the scoping route by route.
 */
export class TenantGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (
      node.kind === 'SelectQueryNode' ||
      node.kind === 'InsertQueryNode' ||
      node.kind === 'UpdateQueryNode' ||
      node.kind === 'DeleteQueryNode'
    ) {
      const seen = { tables: new Set<string>(), scoped: false };
      walk(node, seen);
      const tenantTables = [...seen.tables].filter((t) => !GlobalTables.has(t));
      if (tenantTables.length > 0 && !seen.scoped) {
        throw new Error(`Tenant guard: query on ${tenantTables.join(', ')} is not scoped by workspace_id`);
      }
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface Seen {
  tables: Set<string>;
  scoped: boolean;
}

function walk(value: unknown, seen: Seen): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, seen);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as { kind?: unknown; [k: string]: unknown };
  if (node.kind === 'TableNode') {
    const name = identifierName((node.table as { identifier?: unknown } | undefined)?.identifier);
    if (name) seen.tables.add(name);
    return;
  }
  if (node.kind === 'ColumnNode') {
    if (identifierName(node.column) === 'workspace_id') seen.scoped = true;
    return;
  }
  if (node.kind === 'RawNode') {
    const fragments = node.sqlFragments as readonly string[];
    if (fragments.some((f) => f.includes('workspace_id'))) seen.scoped = true;
  }
  for (const key in node) {
    if (key !== 'kind') walk(node[key], seen);
  }
}

function identifierName(identifier: unknown): string | undefined {
  if (identifier && typeof identifier === 'object' && 'name' in identifier) {
    const name = (identifier as { name: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
