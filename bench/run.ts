// `npm run bench` (a few minutes) and `npm run bench -- --full` (the 1M-case scale).
// Every throughput figure is a ratio against the machine's own ceiling measured in the same run, so it holds on
// a noisy machine. Writes bench/RESULTS.md and bench/results.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { ROOT, rssOf, runChild, startChild } from './child.js';
import { load } from './load.js';
import { SEARCH_TERMS, caseText, rng } from './text.js';
import { calendarThroughput } from './calendar.js';

const args = process.argv.slice(2);
const FULL = args.includes('--full');
const only = args.find((a) => a.startsWith('--db='))?.slice(5);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SMALL = Number(process.env.BENCH_CASES ?? 20_000);
const LARGE = 1_000_000;
const WORKSPACES = 100;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Figure {
  name: string;
  dialect: 'sqlite' | 'postgres' | 'any';
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  note?: string;
  /** When and how it was measured, e.g. `2026-11-22 23:10, quick`. */
  run?: string;
}
const started = new Date();
const figures: Figure[] = [];
function record(f: Figure): void {
  figures.push({
    ...f,
    run: `${started.toISOString().slice(0, 16).replace('T', ' ')}, ${FULL ? 'full' : 'quick'}`,
  });
  console.log(
    `${f.pass ? 'ok  ' : 'MISS'} ${f.dialect.padEnd(8)} ${f.name.padEnd(52)} ${f.value.toFixed(f.unit === '%' || f.unit === 'x' ? 2 : 1).padStart(10)} ${f.unit.padEnd(6)} target ${f.target}`,
  );
}

interface GeneratedWorkspace {
  slug: string;
  token: string;
  teams: string[];
  customers: Array<{ id: string; contactId: string }>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The real server (compiled, `node apps/server/dist/src/main.js`), ready when /readyz answers 200. */
async function startApp(databaseUrl: string, schema: string | undefined) {
  const port = await freePort();
  const t0 = performance.now();
  // BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/server/dist/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      AFTERCARE_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema ?? '',
      AFTERCARE_DATA_DIR: mkdtempSync(join(tmpdir(), 'aftercare-bench-data-')),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    pid: child.pid as number,
    rssMiB: () => rssOf(child.pid as number),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function generate(
  url: string,
  schema: string | undefined,
  cases: number,
): Promise<GeneratedWorkspace[]> {
  console.log(`generating ${cases.toLocaleString('en-US')} cases in ${WORKSPACES} workspaces…`);
  const results = await runChild(
    join(ROOT, 'bench/generate.ts'),
    [url, schema ?? '-', String(WORKSPACES), String(cases)],
    {},
  );
  const workspaces: GeneratedWorkspace[] = [];
  for (const r of results as Array<{
    workspace?: GeneratedWorkspace;
    totals?: { cases: number; seconds: number; peakRssMiB: number };
  }>) {
    if (r.workspace) workspaces.push(r.workspace);
    if (r.totals)
      record({
        name: `generator peak memory at ${r.totals.cases.toLocaleString('en-US')} cases (${Math.round(r.totals.cases / r.totals.seconds)} cases/s)`,
        dialect: url.startsWith('postgres') ? 'postgres' : 'sqlite',
        value: r.totals.peakRssMiB,
        unit: 'MiB',
        target: 'bounded',
        pass: r.totals.peakRssMiB < 1024,
      });
  }
  return workspaces;
}

async function suite(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-bench-'));
  let schema: string | undefined;
  let url: string;
  let ceilingUrl: string;
  if (dialect === 'postgres') {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    url = PG_URL;
    ceilingUrl = PG_URL;
  } else {
    url = `sqlite:${join(dir, 'aftercare.db')}`;
    ceilingUrl = `sqlite:${join(dir, 'ceiling.db')}`;
  }
  try {
    // The ceiling: a bare endpoint inserting one row, same database and durability.
    const ceiling = await startChild(
      join(ROOT, 'bench/ceiling-server.ts'),
      [ceilingUrl, ...(schema ? [schema] : [])],
      {},
    );
    const ceilingBase = `http://127.0.0.1:${ceiling.ready}`;
    await load({
      url: `${ceilingBase}/rows`,
      connections: 8,
      seconds: 2,
      method: 'POST',
      bodies: ['{"subject":"warm"}'],
    });
    const ceil = await load({
      url: `${ceilingBase}/rows`,
      connections: 8,
      seconds: LOAD_SECONDS,
      method: 'POST',
      bodies: ['{"subject":"设备报警"}'],
    });
    await ceiling.stop();
    console.log(`${dialect}: ceiling ${ceil.perSecond.toFixed(0)} inserts/s (p99 ${ceil.p99} ms)`);

    const scales = FULL ? [SMALL, LARGE] : [SMALL];
    const queueP99: number[] = [];
    let generated = 0;
    for (const scale of scales) {
      const workspaces = await generate(url, schema, scale - generated);
      generated = scale;
      const app = await startApp(url, schema);
      if (scale === SMALL) {
        record({
          name: 'start-up to ready',
          dialect,
          value: app.readyMs,
          unit: 'ms',
          target: '≤ 2000 ms',
          pass: app.readyMs <= 2000,
        });
        await new Promise((r) => setTimeout(r, 3000));
        const idle = await app.rssMiB();
        record({
          name: 'idle memory (RSS) after start-up',
          dialect,
          value: idle,
          unit: 'MiB',
          target: '≤ 200 MiB',
          pass: idle <= 200,
        });
      }
      const ws = workspaces[0] as GeneratedWorkspace;
      const auth = { authorization: `Bearer ${ws.token}` };
      if (scale === SMALL) {
        const random = rng(11);
        const bodies = Array.from({ length: 200 }, (_, i) => {
          const c = ws.customers[i % ws.customers.length] as { id: string; contactId: string };
          const text = caseText(random);
          return JSON.stringify({
            customerId: c.id,
            contactId: c.contactId,
            subject: text.subject,
            body: text.body,
            severity: 'S3',
          });
        });
        await load({
          url: `${app.url}/api/cases`,
          connections: 8,
          seconds: 2,
          method: 'POST',
          headers: auth,
          bodies,
        });
        const create = await load({
          url: `${app.url}/api/cases`,
          connections: 8,
          seconds: LOAD_SECONDS,
          method: 'POST',
          headers: auth,
          bodies,
        });
        if (create.non2xx || create.errors)
          console.log(`  case creation: ${create.non2xx} non-2xx, ${create.errors} errors`);
        const ratio = create.perSecond / ceil.perSecond;
        record({
          name: 'case creation via API, 8 connections (÷ ceiling)',
          dialect,
          value: ratio * 100,
          unit: '%',
          target: '≥ 50 %',
          pass: ratio >= 0.5 && create.non2xx === 0,
          note: `${create.perSecond.toFixed(0)} cases/s vs ${ceil.perSecond.toFixed(0)} bare inserts/s; p99 ${create.p99} ms`,
        });
      }
      // The agent queue: open cases of a team ordered by SLA risk, first page, through HTTP.
      const paths = workspaces
        .slice(0, 20)
        .flatMap(() =>
          ws.teams.map((team) => `/api/cases?teamId=${team}&status=new&status=open&pageSize=25`),
        );
      await load({ url: app.url, connections: 1, amount: 100, headers: auth, paths });
      const queue = await load({ url: app.url, connections: 1, amount: 1000, headers: auth, paths });
      queueP99.push(queue.p99);
      record({
        name: `agent queue p99 at ${scale.toLocaleString('en-US')} cases`,
        dialect,
        value: queue.p99,
        unit: 'ms',
        target: '≤ 30 ms',
        pass: queue.p99 <= 30 && queue.non2xx === 0,
      });
      // Chinese and English full-text search through HTTP.
      const searchPaths = SEARCH_TERMS.map((q) => `/api/cases?q=${encodeURIComponent(q)}&pageSize=25`);
      await load({ url: app.url, connections: 1, amount: 50, headers: auth, paths: searchPaths });
      const search = await load({
        url: app.url,
        connections: 1,
        amount: 500,
        headers: auth,
        paths: searchPaths,
      });
      record({
        name: `full-text search p99 at ${scale.toLocaleString('en-US')} cases`,
        dialect,
        value: search.p99,
        unit: 'ms',
        target: '≤ 50 ms',
        pass: search.p99 <= 50 && search.non2xx === 0,
      });
      await app.stop();
    }
    if (queueP99.length === 2) {
      const flat = (queueP99[1] as number) / Math.max(1, queueP99[0] as number);
      record({
        name: 'agent queue p99, 1M ÷ 20k',
        dialect,
        value: flat,
        unit: 'x',
        target: '≤ 1.5',
        pass: flat <= 1.5,
      });
    }
  } finally {
    if (schema) {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    }
  }
}

console.log('building the server (tsc -b apps/server)…');
execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'apps/server'], { cwd: ROOT, stdio: 'inherit' });
const perSecond = calendarThroughput();
record({
  name: 'service-time deadlines (split shifts + holidays)',
  dialect: 'any',
  value: perSecond / 1000,
  unit: 'k/s',
  target: '≥ 200 k/s',
  pass: perSecond >= 200_000,
});
for (const dialect of ['sqlite', 'postgres'] as const) if (!only || only === dialect) await suite(dialect);

// With --db=, the other database's figures of the previous run are kept, each with the run that measured it.
if (only) {
  const previous = join(ROOT, 'bench/results.json');
  const kept = existsSync(previous)
    ? (JSON.parse(readFileSync(previous, 'utf8')) as { figures: Figure[] }).figures.filter(
        (f) => f.dialect !== only && f.dialect !== 'any',
      )
    : [];
  figures.push(...kept);
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const mode = FULL
  ? `full (${SMALL.toLocaleString('en-US')} and ${LARGE.toLocaleString('en-US')} cases)`
  : `quick (${SMALL.toLocaleString('en-US')} cases)`;
const lines = [
  '# Benchmark results',
  '',
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench${FULL || only ? ' --' : ''}${FULL ? ' --full' : ''}${only ? ` --db=${only}` : ''}\`, ${mode}, ${WORKSPACES} workspaces${only ? "; the other database's rows are from the run their last column names" : ''}.`,
  `Machine: ${machine}. Load: autocannon, ${LOAD_SECONDS} s per throughput figure; latency figures are sequential requests (1 connection).`,
  '',
  '| Figure | Database | Value | Target | Met | Note | Run (UTC) |',
  '| --- | --- | ---: | --- | --- | --- | --- |',
  ...figures.map(
    (f) =>
      `| ${f.name} | ${f.dialect} | ${f.value.toFixed(f.unit === 'x' ? 2 : 1)} ${f.unit} | ${f.target} | ${f.pass ? 'yes' : '**no**'} | ${f.note ?? ''} | ${f.run ?? ''} |`,
  ),
  '',
];
writeFileSync(join(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
writeFileSync(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify({ date: started.toISOString(), machine, mode, figures }, null, 2)}\n`,
);
console.log('\nwritten to bench/RESULTS.md and bench/results.json');
