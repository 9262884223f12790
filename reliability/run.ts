// `npm run reliability` (quick, run by CI) and `npm run reliability -- --full` (the issue's full counts).
// Runs every suite (reliability/*.rel.ts) once on SQLite and once on PostgreSQL, then writes
// reliability/RESULTS.md and reliability/results.json from the figures the suites recorded.
//   --db=sqlite|postgres   one database only
//   --only=name            only the suites whose file name contains `name` (repeatable: --only=fuzz --only=xss)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './record.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const FULL = args.includes('--full');
const db = args.find((a) => a.startsWith('--db='))?.slice(5);
const only = args.filter((a) => a.startsWith('--only=')).map((a) => a.slice(7));
const PG_URL = process.env.RELIABILITY_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One recorded figure, as record.ts writes it. */
type Row = Figure & { dialect: string; full: boolean; at: string };

// The crash, XSS and soak suites run the compiled server and the built web app, as a user would.
const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const out = mkdtempSync(join(tmpdir(), 'aftercare-reliability-'));
const dialects = (db ? [db] : ['sqlite', 'postgres']) as Array<'sqlite' | 'postgres'>;
let failed = false;
const started = new Date();
for (const dialect of dialects) {
  console.log(`\n=== reliability (${FULL ? 'full' : 'quick'}) on ${dialect} ===`);
  const env: NodeJS.ProcessEnv = { ...process.env, RELIABILITY_OUT: out, RELIABILITY_FULL: FULL ? '1' : '0' };
  if (dialect === 'postgres') env.DATABASE_URL = PG_URL;
  else delete env.DATABASE_URL;
  const vitest = join(ROOT, 'node_modules', '.bin', 'vitest');
  const run = spawnSync(vitest, ['run', '--config', 'reliability/vitest.config.ts', ...only], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}

const rows: Row[] = readdirSync(out)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(out, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row),
  )
  .sort((a, b) => a.suite.localeCompare(b.suite) || a.dialect.localeCompare(b.dialect));
// A partial run (--db or --only) replaces only the suites and databases it ran; the other rows are kept from the
// previous results, each with the date and mode it was measured in.
const previous = join(ROOT, 'reliability/results.json');
if ((db || only.length) && existsSync(previous)) {
  const ran = new Set(rows.map((r) => `${r.suite}|${r.dialect}`));
  const kept = (JSON.parse(readFileSync(previous, 'utf8')) as { rows: Row[] }).rows.filter(
    (r) => !ran.has(`${r.suite}|${r.dialect}`),
  );
  rows.push(...kept);
  rows.sort((a, b) => a.suite.localeCompare(b.suite) || a.dialect.localeCompare(b.dialect));
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const md = [
  '# Reliability and security results',
  '',
  `Written by \`npm run reliability${args.length ? ` -- ${args.join(' ')}` : ''}\` on ${started.toISOString().slice(0, 10)}` +
    ` (${FULL ? 'full' : 'quick'} mode${only.length ? `, suites: ${only.join(', ')}` : ''}).` +
    (db || only.length
      ? ' Rows of suites it did not run are kept from earlier runs; the last column says when.'
      : ''),
  `Machine of this run: ${machine}. Databases of this run: ${dialects.join(', ')}.`,
  '',
  '| Suite | Database | Figure | Measured | Target | Result | Note | Run (UTC) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.suite} | ${r.dialect} | ${cell(r.name)} | ${r.value.toLocaleString('en-US')} ${r.unit} | ${cell(r.target)} | ${r.pass ? 'pass' : '**FAIL**'} | ${cell(r.note ?? '')} | ${r.at.slice(0, 16).replace('T', ' ')}, ${r.full ? 'full' : 'quick'} |`,
  ),
  '',
  failed ? 'At least one suite failed; see the run output.' : 'Every suite passed.',
  '',
].join('\n');
writeFileSync(join(ROOT, 'reliability/RESULTS.md'), md);
writeFileSync(
  join(ROOT, 'reliability/results.json'),
  `${JSON.stringify({ date: started.toISOString(), full: FULL, machine, rows }, null, 2)}\n`,
);
console.log(`\nwrote reliability/RESULTS.md (${rows.length} figures)`);
process.exit(failed ? 1 : 0);
