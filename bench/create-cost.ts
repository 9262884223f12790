// CPU cost of one case creation through the full API, in-process (app.inject, no sockets), on a fresh SQLite file
// or a PostgreSQL schema. Used to find where creation time goes:
//   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/create-cost.ts [sqlite|postgres] [cases]
// Prints the wall time and the process CPU time per case, sequential and with 8 requests in flight.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.js';
import { analyzeSchema } from './analyze.js';
import { caseText, rng } from './text.js';

const [dialect = 'sqlite', countArg = '2000'] = process.argv.slice(2);
const count = Number(countArg);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = dialect === 'postgres' ? `bench_cost_${randomUUID().slice(0, 8)}` : undefined;
const url = schema ? PG_URL : `sqlite:${join(mkdtempSync(join(tmpdir(), 'aftercare-cost-')), 'a.db')}`;
if (schema) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
}
const database = openDatabase({ url, schema });
await migrateToLatest(database);
const config = {
  ...loadConfig({
    NODE_ENV: 'production',
    AFTERCARE_SECRET: 'x'.repeat(64),
    AFTERCARE_DATA_DIR: tmpdir(),
    LOG_LEVEL: 'warn',
  }),
  databaseUrl: url,
  databaseSchema: schema,
};
const app = await buildApp({ config, database });
await app.ready();

async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>) {
  const res = await app.inject({ method, url: path, payload: body as Record<string, unknown>, headers });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return { body: res.json() as T, headers: res.headers };
}
const signup = await call<{ csrfToken: string }>(
  'POST',
  '/api/auth/signup',
  {
    companyName: '成本测试',
    slug: `cost-${randomUUID().slice(0, 6)}`,
    name: '管理员',
    email: 'a@cost.example.com',
    password: 'cost-password-1234',
    locale: 'zh-CN',
  },
  {},
);
const setCookie = signup.headers['set-cookie'];
const cookie = (Array.isArray(setCookie) ? setCookie : [String(setCookie)])
  .map((c) => c.split(';')[0])
  .join('; ');
const session = { cookie, 'x-csrf-token': signup.body.csrfToken };
const customer = (
  await call<{ id: string }>('POST', '/api/customers', { code: 'C1', name: '客户一' }, session)
).body;
const contact = (
  await call<{ id: string }>(
    'POST',
    '/api/contacts',
    { customerId: customer.id, name: '联系人', email: 'c@cost.example.cn' },
    session,
  )
).body;
const token = (
  await call<{ secret: string }>('POST', '/api/api-tokens', { name: 'cost', scope: 'write' }, session)
).body.secret;
const auth = { authorization: `Bearer ${token}` };
const random = rng(3);
const bodies = Array.from({ length: 200 }, () => {
  const text = caseText(random);
  return {
    customerId: customer.id,
    contactId: contact.id,
    subject: text.subject,
    body: text.body,
    severity: 'S3',
  };
});

async function run(label: string, n: number, inFlight: number): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        const i = next++;
        await call('POST', '/api/cases', bodies[i % bodies.length], auth);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${label}: ${n} cases, ${(wall / n).toFixed(2)} ms wall/case, ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms CPU/case, ${((n * 1000) / wall).toFixed(0)} cases/s`,
  );
}
await run('warm-up', Math.min(200, count), 1);
await run('sequential', count, 1);
await run('8 in flight', count, 8);
// The agent queue and counts over what was just created, sequential, in-process.
async function latency(label: string, path: string, n: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call('GET', path, undefined, auth);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
  console.log(`${label}: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms over ${n}`);
}
await latency('queue (outbox backlog)', '/api/cases?status=new&status=open&pageSize=25', 100);
// The creations left events for the dispatcher; the figures below are read once it has caught up, and on
// PostgreSQL once the tables are analysed (they grew from empty; autovacuum would analyse them in time).
for (;;) {
  const left = await database.unscoped
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(left.n) === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
await analyzeSchema(database.unscoped, database.dialect);
await latency('queue', '/api/cases?status=new&status=open&pageSize=25', 300);
await latency('counts', '/api/cases/counts', 300);
await app.close();
await database.close();
if (schema) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
  await client.end();
}
