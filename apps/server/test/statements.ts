import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database, Db } from '../src/platform/db/database.js';

/** What a StatementLog saw while it was on. */
export interface Statement {
  kind: string;
  /** The first table the statement names. */
  table: string;
  inTransaction: boolean;
  /** Where in the server the statement was built (the first frames under src/). */
  where: string;
}

/**
 * Counts the SQL statements and transactions the server runs (tests of the statement budget). Wrap the test
 * app's database with `this.wrap`, switch it on around one request, and read `statements` and `transactions`.
 */
export class StatementLog {
  on = false;
  statements: Statement[] = [];
  transactions = 0;
  private depth = 0;

  reset(): void {
    this.statements = [];
    this.transactions = 0;
  }

  wrap = (database: Database): Database => {
    const plugin: KyselyPlugin = {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        if (this.on)
          this.statements.push({
            kind: args.node.kind,
            table: tableOf(args.node),
            inTransaction: this.depth > 0,
            where: origin(),
          });
        return args.node;
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        return args.result;
      },
    };
    const counted = database.db.withPlugin(plugin);
    const db = new Proxy(counted, {
      get: (target, prop) => {
        if (prop !== 'transaction') {
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        }
        return () => {
          const builder = target.transaction();
          return {
            execute: async <T>(fn: Parameters<typeof builder.execute<T>>[0]): Promise<T> => {
              if (this.on) this.transactions += 1;
              this.depth += 1;
              try {
                return await builder.execute(fn);
              } finally {
                this.depth -= 1;
              }
            },
          };
        };
      },
    }) as Db;
    return { ...database, db };
  };
}

/** The first table a statement names (raw SQL: the table after into / from / update). */
function tableOf(node: RootOperationNode): string {
  const json = JSON.stringify(node);
  const built =
    /"kind":"TableNode","table":\{"kind":"SchemableIdentifierNode"(?:,"schema":\{[^}]*\})?,"identifier":\{"kind":"IdentifierNode","name":"([a-z_]+)"/.exec(
      json,
    );
  if (built?.[1]) return built[1];
  const raw = /\b(?:into|from|update)\s+"?([a-z_]+)/i.exec(json);
  return raw?.[1] ?? '?';
}

/** The first frames of the server's own code that built the statement (file:line < caller < caller). */
function origin(): string {
  return (new Error().stack ?? '')
    .split('\n')
    .filter((l) => l.includes('/src/') && !l.includes('/platform/db/database'))
    .slice(0, 3)
    .map((l) =>
      l
        .trim()
        .replace(/.*\/src\//, '')
        .replace(/\)$/, ''),
    )
    .join(' < ');
}
