import type { CaseDetail, CasePage } from '@aftercare/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createWorkspace, type Workspace } from '../../../test/factories.js';
import { CasesRepository, type CaseListQuery } from './cases.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A team with 23 cases: deadlines set out of creation order, some without any, two solved. */
async function queue(): Promise<{ ws: Workspace; teamId: string; ids: string[] }> {
  const ws = await createWorkspace(t.app);
  const wid = ws.me.workspace.id;
  const customer = await ws.admin.post<{ id: string }>('/api/customers', { code: 'Q', name: '队列客户' });
  const team = await ws.admin.post<{ id: string }>('/api/teams', { name: '一线', memberIds: [] });
  const ids: string[] = [];
  for (let i = 0; i < 23; i++) {
    const c = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: customer.body.id,
      teamId: team.body.id,
      subject: `case ${i}`,
      body: 'x',
    });
    expect(c.status).toBe(201);
    ids.push(c.body.id);
    t.clock.advance(60_000);
  }
  // Deadlines in an order unrelated to creation; every third case has none (nulls come last).
  for (const [i, id] of ids.entries())
    await t.database.db
      .updateTable('cases')
      .set({
        next_deadline_at: i % 3 === 0 ? null : new Date(Date.UTC(2030, 0, 1 + ((i * 7) % 11))).toISOString(),
      })
      .where('workspace_id', '=', wid)
      .where('id', '=', id)
      .execute();
  for (const id of ids.slice(0, 2))
    await t.database.db
      .updateTable('cases')
      .set({ status: 'solved' })
      .where('workspace_id', '=', wid)
      .where('id', '=', id)
      .execute();
  return { ws, teamId: team.body.id, ids };
}

async function walk(ws: Workspace, path: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 20; n++) {
    const res: { status: number; body: CasePage } = await ws.admin.get<CasePage>(
      `${path}&pageSize=5${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((c) => c.id));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the cursor never ended');
}

async function pages(ws: Workspace, path: string): Promise<string[]> {
  const seen: string[] = [];
  for (let page = 1; page < 20; page++) {
    const res = await ws.admin.get<CasePage>(`${path}&pageSize=5&page=${page}`);
    if (res.body.items.length === 0) return seen;
    seen.push(...res.body.items.map((c) => c.id));
  }
  return seen;
}

describe('the agent queue', () => {
  it('pages a team’s open cases by SLA risk with a cursor, the same rows as page numbers', async () => {
    const { ws, teamId, ids } = await queue();
    const path = `/api/cases?view=open&teamId=${teamId}`;
    const byCursor = await walk(ws, path);
    expect(byCursor).toHaveLength(21);
    expect(byCursor).toEqual(await pages(ws, path));
    // The SLA-risk order: nearest deadline first, none last, then oldest first.
    const first = await ws.admin.get<CasePage>(`${path}&pageSize=50`);
    const rows = first.body.items;
    expect(rows.map((c) => c.id)).toEqual(byCursor);
    expect(first.body.total).toBe(21);
    expect(first.body.nextCursor).toBeNull();
    const key = (c: (typeof rows)[number]) => `${c.nextDeadlineAt ?? '~'} ${c.createdAt}`;
    expect(rows.map(key)).toEqual([...rows.map(key)].sort());
    expect(rows.filter((c) => c.nextDeadlineAt === null)).toHaveLength(7);
    expect(byCursor).not.toContain(ids[0]);

    // Explicit sorts page by cursor too, in both directions.
    for (const sort of ['-createdAt', 'number', '-severity'])
      expect(await walk(ws, `${path}&sort=${sort}`), sort).toEqual(await pages(ws, `${path}&sort=${sort}`));

    // A cursor of another order, a forged one, or one with q is refused.
    const c1 = (await ws.admin.get<CasePage>(`${path}&pageSize=5`)).body.nextCursor as string;
    expect((await ws.admin.get(`${path}&sort=-createdAt&cursor=${c1}`)).status).toBe(400);
    expect((await ws.admin.get(`${path}&cursor=bm90LWpzb24`)).status).toBe(400);
    expect((await ws.admin.get(`${path}&q=case&cursor=${c1}`)).status).toBe(400);
  });

  it('reads the queue in index order: no sort step, the queue index (SQLite and PostgreSQL plans)', async () => {
    const { ws, teamId } = await queue();
    const wid = ws.me.workspace.id;
    const repo = new CasesRepository(t.database.db, wid);
    const base: CaseListQuery = { view: 'open', teamId, sort: null, page: 1, pageSize: 20 };
    const first = await ws.admin.get<CasePage>(`/api/cases?view=open&teamId=${teamId}&pageSize=5`);
    const cursorKey = JSON.parse(
      Buffer.from(first.body.nextCursor as string, 'base64url').toString('utf8'),
    ) as { k: string[] };
    for (const query of [base, { ...base, after: cursorKey.k }, { ...base, teamId: undefined }]) {
      const compiled = repo.pageQuery(query).compile();
      const plan = await explain(compiled.sql, compiled.parameters);
      expect(plan, plan).toContain(query.teamId ? 'ix_cases_team_risk' : 'ix_cases_risk');
      if (t.database.dialect === 'postgres')
        expect(plan, plan).not.toMatch(/"Node Type": "(Sort|Incremental Sort)"/);
      else expect(plan, plan).not.toContain('TEMP B-TREE');
      // One plan for the page: no subquery per row.
      expect(plan, plan).not.toMatch(/CORRELATED|SubPlan/);
    }
  });

  it('reads the team view of a user in several teams one index range per team, merged in SLA-risk order', async () => {
    const { ws, teamId } = await queue();
    const wid = ws.me.workspace.id;
    const customer = await ws.admin.post<{ id: string }>('/api/customers', { code: 'Q2', name: '二队客户' });
    const other = await ws.admin.post<{ id: string }>('/api/teams', { name: '二线', memberIds: [] });
    for (let i = 0; i < 9; i++) {
      const c = await ws.admin.post<CaseDetail>('/api/cases', {
        customerId: customer.body.id,
        teamId: other.body.id,
        subject: `other ${i}`,
        body: 'x',
      });
      // Deadlines that fall between the first team's, and some without any.
      await t.database.db
        .updateTable('cases')
        .set({ next_deadline_at: i % 4 === 0 ? null : new Date(Date.UTC(2030, 0, 1 + i, 12)).toISOString() })
        .where('workspace_id', '=', wid)
        .where('id', '=', c.body.id)
        .execute();
      t.clock.advance(60_000);
    }
    // Every case of the workspace is in one of the user's teams: the team view is the open view.
    expect(await walk(ws, '/api/cases?view=team')).toEqual([]);
    for (const team of [teamId, other.body.id])
      await t.database.db
        .insertInto('team_members')
        .values({ workspace_id: wid, team_id: team, user_id: ws.me.id })
        .execute();
    const open = await walk(ws, '/api/cases?view=open');
    expect(open).toHaveLength(30);
    expect(await walk(ws, '/api/cases?view=team')).toEqual(open);
    expect(await pages(ws, '/api/cases?view=team')).toEqual(open);
    const listed = await ws.admin.get<CasePage>('/api/cases?view=team&pageSize=5');
    expect(listed.body.total).toBe(30);
    // The plan: each team is its own LIMITed range of ix_cases_team_risk; only those rows are merged.
    const repo = new CasesRepository(t.database.db, wid);
    const query: CaseListQuery = { view: 'team', userId: ws.me.id, sort: null, page: 2, pageSize: 5 };
    const compiled = repo.teamsPageQuery(query, await repo.teamIdsOf(ws.me.id)).compile(t.database.db);
    const plan = await explain(compiled.sql, compiled.parameters);
    expect(plan.match(/ix_cases_team_risk/g), plan).toHaveLength(2);
    expect(plan, plan).not.toMatch(/CORRELATED|SubPlan|"Node Type": "Seq Scan"|^SCAN cases/m);
    if (t.database.dialect === 'postgres') {
      // Outer Limit, then one Limit per team under the merge.
      expect(plan.match(/"Node Type": "Limit"/g), plan).toHaveLength(3);
    }
  });

  it('counts each view up to the cap, each from an index range (plans on both databases)', async () => {
    const { ws, teamId } = await queue();
    const wid = ws.me.workspace.id;
    const repo = new CasesRepository(t.database.db, wid);
    const userId = ws.me.id;
    await t.database.db
      .insertInto('team_members')
      .values({ workspace_id: wid, team_id: teamId, user_id: userId })
      .execute();
    const now = t.clock.now().toISOString();
    const full = await repo.counts(userId, now);
    expect(full).toMatchObject({ all: 23, open: 21, team: 21, unassigned: 21, mine: 0, waiting: 0 });
    expect(await repo.counts(userId, now, 5)).toMatchObject({
      all: 5,
      open: 5,
      team: 5,
      unassigned: 5,
      mine: 0,
    });
    const compiled = repo.countsQuery(userId, now).compile();
    const plan = await explain(compiled.sql, compiled.parameters);
    if (t.database.dialect === 'postgres') {
      // On a test-sized table PostgreSQL picks any index that starts with workspace_id; what matters is that
      // every count is a LIMITed index scan, never a sequential one.
      expect(plan, plan).not.toMatch(/"Node Type": "Seq Scan"/);
      expect(plan.match(/"Node Type": "Limit"/g)).toHaveLength(8);
    } else {
      expect(plan, plan).not.toMatch(/^SCAN cases$/m);
      for (const index of ['ix_cases_queue', 'ix_cases_assignee', 'ix_cases_team'])
        expect(plan, plan).toContain(index);
    }
  });
});

/** The query plan of the exact SQL the repository builds, as text. */
async function explain(text: string, params: readonly unknown[]): Promise<string> {
  return t.database.db.transaction().execute(async (tx) => {
    if (t.database.dialect === 'postgres') {
      // A test table is tiny: without this PostgreSQL would scan it whole. enable_sort off makes it prefer any
      // plan without a sort, so a Sort node left in the plan means no index can serve the order.
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local enable_sort = off`.execute(tx);
      const rows = await sql
        .raw<{ 'QUERY PLAN': unknown }>(`explain (format json) ${inline(text, params, 'pg')}`)
        .execute(tx);
      return JSON.stringify(rows.rows[0]?.['QUERY PLAN'], null, 1);
    }
    const rows = await sql
      .raw<{ detail: string }>(`explain query plan ${inline(text, params, 'sqlite')}`)
      .execute(tx);
    return rows.rows.map((r) => r.detail).join('\n');
  });
}

/** The compiled query with its parameters written in (strings and numbers only), for EXPLAIN. */
function inline(text: string, params: readonly unknown[], dialect: 'pg' | 'sqlite'): string {
  const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  if (dialect === 'pg') return text.replace(/\$(\d+)/g, (_m, n: string) => lit(params[Number(n) - 1]));
  let i = 0;
  return text.replace(/\?/g, () => lit(params[i++]));
}
