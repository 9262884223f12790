import type { BotEvent, BotKind } from '@aftercare/contracts';
import { toBool, type Executor } from '../../platform/db/database.js';

export interface BotRecord {
  id: string;
  name: string;
  kind: BotKind;
  /** sealed */
  url: string;
  urlHint: string;
  /** sealed */
  secret: string | null;
  teamId: string | null;
  teamName: string | null;
  events: BotEvent[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface BotFields {
  name: string;
  kind: BotKind;
  url: string;
  urlHint: string;
  secret: string | null;
  teamId: string | null;
  events: BotEvent[];
  enabled: boolean;
}

/** What a bot message says about a case. */
export interface CaseFacts {
  id: string;
  number: string;
  subject: string;
  severity: string;
  status: string;
  teamId: string | null;
  customerName: string;
}

export class BotsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('bot_targets as b')
      .leftJoin('teams', (j) =>
        j.onRef('teams.workspace_id', '=', 'b.workspace_id').onRef('teams.id', '=', 'b.team_id'),
      )
      .select([
        'b.id',
        'b.name',
        'b.kind',
        'b.url',
        'b.url_hint',
        'b.secret',
        'b.team_id',
        'teams.name as team_name',
        'b.events',
        'b.enabled',
        'b.created_at',
        'b.updated_at',
        'b.version',
      ])
      .where('b.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<BotRecord | undefined> {
    const r = await this.select().where('b.id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(): Promise<BotRecord[]> {
    return (await this.select().orderBy('b.created_at').orderBy('b.id').execute()).map(toRecord);
  }

  /** Enabled bots that announce `event` for a case of `teamId` (workspace-wide bots and that team's). */
  /** The number and customer of a return (what a bot announces about it). */
  async returnFacts(
    returnId: string,
  ): Promise<{ id: string; number: string; customerName: string } | undefined> {
    return this.db
      .selectFrom('returns as r')
      .innerJoin('customers as cu', (j) =>
        j.onRef('cu.workspace_id', '=', 'r.workspace_id').onRef('cu.id', '=', 'r.customer_id'),
      )
      .select(['r.id as id', 'r.number as number', 'cu.name as customerName'])
      .where('r.workspace_id', '=', this.workspaceId)
      .where('r.id', '=', returnId)
      .executeTakeFirst();
  }

  async listening(event: BotEvent, teamId: string | null): Promise<BotRecord[]> {
    let q = this.select().where('b.enabled', '=', 1);
    q = teamId
      ? q.where((eb) => eb.or([eb('b.team_id', 'is', null), eb('b.team_id', '=', teamId)]))
      : q.where('b.team_id', 'is', null);
    return (await q.execute()).map(toRecord).filter((b) => b.events.includes(event));
  }

  async insert(id: string, f: BotFields, now: string): Promise<void> {
    await this.db
      .insertInto('bot_targets')
      .values({
        workspace_id: this.workspaceId,
        id,
        name: f.name,
        kind: f.kind,
        url: f.url,
        url_hint: f.urlHint,
        secret: f.secret,
        team_id: f.teamId,
        events: JSON.stringify(f.events),
        enabled: f.enabled ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async update(id: string, version: number, f: BotFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('bot_targets')
      .set({
        name: f.name,
        kind: f.kind,
        url: f.url,
        url_hint: f.urlHint,
        secret: f.secret,
        team_id: f.teamId,
        events: JSON.stringify(f.events),
        enabled: f.enabled ? 1 : 0,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async remove(id: string): Promise<void> {
    await this.db
      .deleteFrom('bot_targets')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async teamExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async caseFacts(caseId: string): Promise<CaseFacts | undefined> {
    const r = await this.db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .select([
        'cases.id',
        'cases.number',
        'cases.subject',
        'cases.severity',
        'cases.status',
        'cases.team_id',
        'customers.name as customer_name',
      ])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        number: r.number,
        subject: r.subject,
        severity: r.severity,
        status: r.status,
        teamId: r.team_id,
        customerName: r.customer_name,
      }
    );
  }
}

type Row = Awaited<ReturnType<ReturnType<BotsRepository['select']>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): BotRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as BotKind,
    url: r.url,
    urlHint: r.url_hint,
    secret: r.secret,
    teamId: r.team_id,
    teamName: r.team_name,
    events: JSON.parse(r.events) as BotEvent[],
    enabled: toBool(r.enabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
