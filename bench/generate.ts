// The data generator: N workspaces with customers, contacts, teams and cases written through the case service
// (so every case has its SLA targets, audit entry, outbox event and search index entry), created at times spread
// over the last 60 days so they fall in every SLA state, then moved through every status.
// Usage: tsx bench/generate.ts <database url> <schema|-> <workspaces> <cases in all>
// Prints `RESULT {...}` lines: one per workspace (its credentials and teams), then the totals with peak memory.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { CaseSeverity, CaseType } from '@aftercare/contracts';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.js';
import { loadWorkspaces, systemContext } from '../apps/server/src/platform/system-context.js';
import { createCaseInTx } from '../apps/server/src/modules/cases/cases.service.js';
import { runDisciplineSweep } from '../apps/server/src/modules/cases/discipline.sweep.js';
import { runSlaSweep } from '../apps/server/src/modules/sla/sla.sweep.js';
import { analyzeSchema } from './analyze.js';
import { caseText, pick, rng } from './text.js';

const [url = '', schemaArg = '-', wsArg = '100', casesArg = '20000'] = process.argv.slice(2);
const schema = schemaArg === '-' ? undefined : schemaArg;
const workspaces = Number(wsArg);
const total = Number(casesArg);
const CUSTOMERS = 20;
const TEAMS = 3;
const BATCH = 250;
const PASSWORD = 'bench-password-1234';

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 200);

const database = openDatabase({ url, schema });
await migrateToLatest(database);
const config = { ...loadConfig({ NODE_ENV: 'test', AFTERCARE_DATA_DIR: tmpdir() }), databaseUrl: url };
const app = await buildApp({ config, database });
await app.ready();

async function call<T>(
  cookie: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ body: T; cookie: string | null }> {
  const res = await app.inject({
    method,
    url: path,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    headers: { ...(cookie ? { cookie } : {}), 'x-csrf-token': csrf.get(cookie ?? '') ?? '' },
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const cookies = (Array.isArray(set) ? set : set ? [set] : []).map((c) => c.split(';')[0]).join('; ');
  return { body: res.json() as T, cookie: cookies || cookie };
}
const csrf = new Map<string, string>();

const random = rng(7);
const types: CaseType[] = ['question', 'incident', 'request', 'complaint'];
const severities: CaseSeverity[] = ['S1', 'S2', 'S3', 'S3', 'S4', 'S4'];
const now = Date.now();
let created = 0;
const t0 = performance.now();

// On PostgreSQL each statement is a round trip: several workspaces are written at once, each in its own
// transactions on its own pooled connection, so the round trips overlap. SQLite has one writer: one at a time.
const CONCURRENCY = Number(process.env.BENCH_GEN_CONCURRENCY ?? (database.dialect === 'postgres' ? 4 : 1));
let nextWorkspace = 0;
let workspacesDone = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (nextWorkspace < workspaces) await generateWorkspace(nextWorkspace++);
  }),
);

async function generateWorkspace(w: number): Promise<void> {
  const slug = `bench-${w}-${randomUUID().slice(0, 6)}`;
  const email = `admin@${slug}.example.com`;
  const signup = await call<{ id: string; workspace: { id: string }; csrfToken: string }>(
    null,
    'POST',
    '/api/auth/signup',
    {
      companyName: `基准测试公司 ${w}`,
      slug,
      name: '管理员',
      email,
      password: PASSWORD,
      locale: 'zh-CN',
    },
  );
  const cookie = signup.cookie as string;
  csrf.set(cookie, signup.body.csrfToken);
  const adminId = signup.body.id;
  const workspaceId = signup.body.workspace.id;
  const teams: string[] = [];
  for (let i = 0; i < TEAMS; i++)
    teams.push(
      (
        await call<{ id: string }>(cookie, 'POST', '/api/teams', {
          name: `二线支持 ${i + 1}`,
          memberIds: [adminId],
          leadId: adminId,
        })
      ).body.id,
    );
  const customers: Array<{ id: string; contactId: string }> = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = (
      await call<{ id: string }>(cookie, 'POST', '/api/customers', { code: `C${i}`, name: `客户 ${w}-${i}` })
    ).body;
    const contact = (
      await call<{ id: string }>(cookie, 'POST', '/api/contacts', {
        customerId: customer.id,
        name: `联系人 ${i}`,
        email: `c${i}@${slug}.example.cn`,
      })
    ).body;
    customers.push({ id: customer.id, contactId: contact.id });
  }
  const token = (
    await call<{ secret: string }>(cookie, 'POST', '/api/api-tokens', { name: 'bench', scope: 'write' })
  ).body.secret;
  console.log(
    `RESULT ${JSON.stringify({ workspace: { slug, email, password: PASSWORD, token, teams, customers: customers.slice(0, 3) } })}`,
  );

  const row = (await loadWorkspaces(database.db, [workspaceId])).get(workspaceId);
  if (!row) throw new Error('workspace missing');
  const perWorkspace = Math.floor(total / workspaces) + (w < total % workspaces ? 1 : 0);
  for (let done = 0; done < perWorkspace; done += BATCH) {
    const n = Math.min(BATCH, perWorkspace - done);
    // Cases of one batch are created around one instant in the last 60 days.
    const at = new Date(now - Math.floor(random() * 60 * 86_400_000));
    const ctx = {
      ...systemContext({ ...app.deps, clock: { now: () => at } }, row, 'bench'),
      actor: { type: 'user' as const, id: adminId, name: '管理员' },
    };
    const ids: string[] = [];
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++) {
        const customer = pick(random, customers);
        const text = caseText(random);
        ids.push(
          await createCaseInTx(tx, ctx, {
            customerId: customer.id,
            contactId: customer.contactId,
            subject: text.subject,
            body: text.body,
            type: pick(random, types),
            severity: pick(random, severities),
            channel: pick(random, ['portal', 'email', 'api', 'phone', 'web_form'] as const),
            assigneeId: random() < 0.6 ? adminId : null,
            teamId: pick(random, teams),
            contractId: null,
          }),
        );
      }
      // Every status: 35 % stay new/open, the rest move on (bench data, written directly).
      const at2 = at.toISOString();
      const share = (from: number, to: number) =>
        ids.slice(Math.floor(ids.length * from), Math.floor(ids.length * to));
      const set = async (part: string[], values: Record<string, string | null>) => {
        if (part.length)
          await tx
            .updateTable('cases')
            .set(values)
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', part)
            .execute();
      };
      // As the case service leaves them: a paused case has no running deadline, a solved or closed one has its
      // targets met; only new and open cases keep running targets for the sweep.
      const stopped = { next_deadline_at: null, next_sla_event_at: null };
      await set(share(0.2, 0.35), { status: 'open' });
      await set(share(0.35, 0.45), { status: 'pending', pause_reason: 'waiting_for_customer', ...stopped });
      await set(share(0.45, 0.5), { status: 'on_hold', pause_reason: 'waiting_for_parts', ...stopped });
      await set(share(0.5, 0.8), { status: 'solved', solved_at: at2, ...stopped });
      await set(share(0.8, 1), { status: 'closed', solved_at: at2, closed_at: at2, ...stopped });
      const sla = (part: string[]) =>
        tx.updateTable('case_sla').where('workspace_id', '=', workspaceId).where('case_id', 'in', part);
      if (share(0.35, 0.5).length) await sla(share(0.35, 0.5)).set({ paused_since: at2 }).execute();
      const done = share(0.5, 1);
      if (done.length)
        for (const target of ['first_response', 'next_response', 'resolution', 'acknowledgement'] as const)
          await sla(done)
            .set({ [`${target}_met_at`]: at2 })
            .where(`${target}_due_at`, 'is not', null)
            .execute();
    });
    created += n;
    sample();
  }
  // The cases are history. The SLA and discipline sweeps catch up with it now, as on a server that has been
  // running all along, and every event counts as dispatched long ago. Left undone, the bench server would spend
  // the measurements sweeping and notifying a backlog of every generated case (a million SLA events at 1M).
  const swept = new Date();
  await runSlaSweep(app.deps, swept, { workspaceIds: [workspaceId] });
  await runDisciplineSweep(app.deps, swept, { workspaceIds: [workspaceId] });
  await database.db
    .updateTable('outbox')
    .set({ processed_at: swept.toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('processed_at', 'is', null)
    .execute();
  workspacesDone += 1;
  if (workspacesDone % 10 === 0 || workspacesDone === workspaces)
    console.log(
      `  ${workspacesDone}/${workspaces} workspaces, ${created} cases, ${Math.round(created / ((performance.now() - t0) / 1000))} cases/s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
    );
}

// A server that has been running has statistics of its tables; analyse now, as one does after loading data.
await analyzeSchema(database.unscoped, database.dialect);

clearInterval(sampler);
sample();
console.log(
  `RESULT ${JSON.stringify({ totals: { workspaces, cases: created, seconds: (performance.now() - t0) / 1000, peakRssMiB: peakRss / 1048576 } })}`,
);
await app.close();
await database.close();
