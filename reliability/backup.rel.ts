/**
 * Backup and restore under load: `aftercare backup` (the compiled CLI) runs while three API clients keep
 * creating cases against the compiled server (each creation writes the case, its counter, SLA rows, first
 * message, search document, audit entry and outbox event in one transaction; a third of them also attach an
 * uploaded photo). The backup is restored with `aftercare restore` into a fresh database (SQLite: a new file;
 * PostgreSQL: a new database, same schema name), and the server is started on it.
 * Quick: ~3 s of load around one backup; full: 20 s of load around three backups taken one after another
 * (each restored and checked).
 *
 * What "identical" means here, exactly: the load only creates cases, and case numbers come from a counter row
 * every creation updates inside its transaction, so creations commit in number order. A consistent snapshot
 * therefore holds the cases numbered 1..k and nothing else. The checks:
 * - consistent: integrity (SQLite integrity_check + foreign_key_check; PostgreSQL validated foreign keys and
 *   anti-joins), and no half-applied creation (every case has its message, search document, audit entry, outbox
 *   event; every file its content) (target 0 problems);
 * - a snapshot: the restored case numbers are exactly 1..k, the case counter is k, every case acknowledged
 *   before the backup started is in it (target 0 gaps);
 * - identical at the backup point: for the rows a creation writes (cases, case_messages, case_search, case_sla,
 *   attachments and their contents, the cases' audit entries; outbox events without the dispatcher's bookkeeping
 *   columns), the restored rows equal, hash for hash, the source's rows of the same k cases read after the load
 *   stopped; every other table's restored rows are found unchanged in the source, except columns background work
 *   rewrites by design (listed in VOLATILE) (target 0 differing tables).
 */
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT, FULL, record, scale } from './record.js';
import {
  HttpError,
  api,
  freePort,
  freshDatabase,
  halfApplied,
  integrity,
  restoreTarget,
  runCliAsync,
  signUp,
  startServer,
  tableNames,
  uploadPng,
  type LiveDatabase,
  type LiveServer,
  type Row,
  type Workspace,
} from './live-server.js';

const BACKUPS = scale(1, 3);
const CLIENTS = 3;
/** Columns that background work rewrites after a row was written, by design (not part of "identical"). */
const VOLATILE: Record<string, string[]> = {
  outbox: ['processed_at', 'attempts', 'last_error', 'next_attempt_at'],
  api_tokens: ['last_used_at'],
  jobs: ['attempts', 'locked_until', 'last_error', 'done_at', 'run_at'],
  // The mail queue sends (or gives up on) the acknowledgement mails of new cases after the snapshot.
  mail_outbound: [
    'status',
    'attempts',
    'next_attempt_at',
    'last_error',
    'smtp_response',
    'sent_at',
    'updated_at',
  ],
};
/** Tables whose restored rows must equal the source's rows of the snapshot's cases, and how to pick those. */
const PER_CASE: Record<string, string> = {
  cases: 'id',
  case_messages: 'case_id',
  case_search: 'case_id',
  case_sla: 'case_id',
};

const secret = randomBytes(32).toString('hex');
let source: LiveDatabase;
let server: LiveServer;
let ws: Workspace;
const acked: Array<{ id: string; at: number }> = [];
const serverErrors: string[] = [];
let stopping = false;

async function client(n: number): Promise<void> {
  let seq = 0;
  while (!stopping) {
    const marker = `bak-${n}-${++seq}`;
    try {
      const customer = ws.customers[seq % ws.customers.length] as Workspace['customers'][number];
      const attachmentId = seq % 3 === 0 ? await uploadPng(server.url, ws.token, `${marker}.png`) : null;
      const c = await api<{ id: string }>(server.url, ws.token, 'POST', '/api/cases', {
        customerId: customer.id,
        contactId: customer.contactId,
        subject: `打印机卡纸 ${marker}`,
        body: `客户反馈：打印机频繁卡纸，已更换纸盒仍无改善。Paper jams twice a day. ${marker}`,
        ...(attachmentId ? { attachmentIds: [attachmentId] } : {}),
      });
      acked.push({ id: c.id, at: performance.now() });
    } catch (err) {
      serverErrors.push(err instanceof HttpError ? err.message : String(err));
    }
  }
}

const hash = (row: Row) => createHash('sha256').update(JSON.stringify(row)).digest('hex');
function without(row: Row, columns: string[] = []): Row {
  const copy = { ...row };
  for (const c of columns) delete copy[c];
  return copy;
}
function sameMultiset(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
const numberOf = (n: unknown) => Number(String(n).replace(/^T-/, '')) - 1000;

/** Compares a restored database with the source; returns one line per difference. */
async function differences(
  restored: LiveDatabase,
  wsId: string,
): Promise<{ diffs: string[]; cases: number }> {
  const diffs: string[] = [];
  const restoredCases = await restored.query('SELECT id, number FROM cases');
  const snapshot = new Set(restoredCases.map((r) => String(r.id)));
  const numbers = restoredCases.map((r) => numberOf(r.number)).sort((a, b) => a - b);
  const k = numbers.length;
  if (numbers.some((n, i) => n !== i + 1)) diffs.push(`case numbers are not 1..${k}`);
  const counter = await restored.query(
    "SELECT value FROM counters WHERE kind = 'case' AND workspace_id = $1",
    [wsId],
  );
  if (Number(counter[0]?.value ?? 0) !== k)
    diffs.push(`case counter ${String(counter[0]?.value)} ≠ ${k} cases`);
  const laterInSource = (await source.query('SELECT id, number FROM cases')).filter(
    (r) => !snapshot.has(String(r.id)),
  );
  if (laterInSource.some((r) => numberOf(r.number) <= k))
    diffs.push('a source case numbered ≤ k is not in the restore');

  const restoredAttachments = await restored.query('SELECT id, case_id FROM attachments');
  const attachedIds = new Set(restoredAttachments.filter((a) => a.case_id !== null).map((a) => String(a.id)));

  for (const table of await tableNames(restored)) {
    const r = await restored.query(`SELECT * FROM ${table}`);
    const s = await source.query(`SELECT * FROM ${table}`);
    let pick: (row: Row) => boolean;
    let exact = true;
    const key = PER_CASE[table];
    if (key) pick = (row) => snapshot.has(String(row[key]));
    else if (table === 'attachments') pick = (row) => attachedIds.has(String(row.id));
    else if (table === 'attachment_contents') pick = (row) => attachedIds.has(String(row.attachment_id));
    else if (table === 'audit_log')
      pick = (row) => row.entity_type === 'case' && snapshot.has(String(row.entity_id));
    else if (table === 'outbox')
      pick = (row) =>
        row.type === 'case.created' &&
        snapshot.has((JSON.parse(String(row.payload)) as { caseId: string }).caseId);
    else {
      pick = () => true;
      exact = false;
    }
    const cols = table === 'counters' ? ['value'] : VOLATILE[table];
    const rh = r.filter(pick).map((row) => hash(without(row, cols)));
    const sh = s.filter(pick).map((row) => hash(without(row, cols)));
    if (exact) {
      if (!sameMultiset(rh, sh))
        diffs.push(`${table}: ${rh.length} restored rows ≠ ${sh.length} source rows of the snapshot`);
    } else {
      const inSource = new Set(sh);
      const missing = rh.filter((h) => !inSource.has(h)).length;
      if (missing > 0)
        diffs.push(`${table}: ${missing} of ${rh.length} restored rows differ from the source`);
    }
  }
  if (restored.dialect === 'sqlite') {
    // The FTS index itself: the restored documents of the snapshot's cases are the source's.
    const q = 'SELECT s.case_id, f.staff, f.public FROM case_search s JOIN case_fts f ON f.rowid = s.doc_id';
    const rh = (await restored.query(q)).map(hash);
    const sh = (await source.query(q)).filter((row) => snapshot.has(String(row.case_id))).map(hash);
    if (!sameMultiset(rh, sh))
      diffs.push(`case_fts: ${rh.length} restored documents ≠ ${sh.length} in the source`);
  }
  return { diffs, cases: k };
}

beforeAll(async () => {
  source = await freshDatabase('backup');
  server = await startServer(source, await freePort(), secret);
  ws = await signUp(server.url, `backup-${randomBytes(3).toString('hex')}`);
});
afterAll(async () => {
  stopping = true;
  await server?.kill();
  await source?.drop();
});

describe('backup and restore under load', () => {
  it(`takes ${BACKUPS} backup(s) under write load that restore to identical, consistent databases (${DIALECT})`, async () => {
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    const loadMs = scale(3_000, 20_000);
    const backups: Array<{ file: string; ackedBefore: string[] }> = [];
    let writtenDuring = 0;
    const t0 = performance.now();
    for (let i = 0; i < BACKUPS; i++) {
      await new Promise((r) => setTimeout(r, loadMs / (BACKUPS + 1)));
      while (acked.length === 0) await new Promise((r) => setTimeout(r, 20));
      const file = join(source.dataDir, `backup-${i}.${DIALECT === 'sqlite' ? 'db' : 'dump'}`);
      const startedAt = performance.now();
      const ackedBefore = acked.map((a) => a.id);
      await runCliAsync(source, secret, ['backup', file]);
      const finishedAt = performance.now();
      writtenDuring += acked.filter((a) => a.at > startedAt && a.at < finishedAt).length;
      backups.push({ file, ackedBefore });
    }
    while (performance.now() - t0 < loadMs) await new Promise((r) => setTimeout(r, 50));
    stopping = true;
    await Promise.all(clients);
    await server.stop();

    let problems = 0;
    let differing = 0;
    let gaps = 0;
    let restoredCases = 0;
    const notes: string[] = [];
    for (const b of backups) {
      const target = await restoreTarget(source);
      try {
        await runCliAsync(target, secret, ['restore', b.file]);
        const check = await integrity(target);
        const halves = await halfApplied(target);
        problems += (check.ok ? 0 : 1) + halves.length;
        if (!check.ok) notes.push(check.detail);
        notes.push(...halves.slice(0, 2));
        const { diffs, cases } = await differences(target, ws.workspaceId);
        restoredCases += cases;
        differing += diffs.length;
        notes.push(...diffs);
        const ids = new Set((await target.query('SELECT id FROM cases')).map((r) => String(r.id)));
        const missing = b.ackedBefore.filter((id) => !ids.has(id));
        gaps += missing.length;
        if (missing.length) notes.push(`${missing.length} cases acknowledged before the backup are missing`);
        // The server starts on the restored database and serves a restored case.
        const restoredServer = await startServer(target, await freePort(), secret);
        try {
          const any = [...ids][0];
          if (any) await api(restoredServer.url, ws.token, 'GET', `/api/cases/${any}`);
        } catch (err) {
          problems += 1;
          notes.push(`the restored server cannot serve a case: ${String(err)}`);
        } finally {
          await restoredServer.stop();
        }
      } finally {
        await target.drop();
      }
    }
    const note = `${acked.length} cases created in ${(loadMs / 1000).toFixed(0)} s of load, ${writtenDuring} while a backup ran, ${restoredCases} in the backup(s)`;
    record({
      suite: 'backup',
      name: 'backups taken under write load and restored',
      value: backups.length,
      unit: 'backups',
      target: `${BACKUPS}`,
      pass: backups.length === BACKUPS,
      note: FULL ? note : `quick mode; ${note}`,
    });
    record({
      suite: 'backup',
      name: 'consistency problems in the restored database (integrity, half-applied)',
      value: problems,
      unit: 'problems',
      target: '0',
      pass: problems === 0,
      note: notes
        .filter((n) => !n.includes('≠') && !n.includes('differ'))
        .slice(0, 3)
        .join('; '),
    });
    record({
      suite: 'backup',
      name: 'differences from the source at the backup point',
      value: differing,
      unit: 'tables',
      target: '0',
      pass: differing === 0,
      note: notes
        .filter((n) => n.includes('≠') || n.includes('differ') || n.includes('numbers'))
        .slice(0, 3)
        .join('; '),
    });
    record({
      suite: 'backup',
      name: 'cases acknowledged before the backup started but missing from it',
      value: gaps,
      unit: 'cases',
      target: '0',
      pass: gaps === 0,
    });
    record({
      suite: 'backup',
      name: 'failed requests during the load',
      value: serverErrors.length,
      unit: 'requests',
      target: '0',
      pass: serverErrors.length === 0,
      note: serverErrors[0]?.slice(0, 200),
    });
    expect(backups.length).toBe(BACKUPS);
    expect(restoredCases).toBeGreaterThan(0);
    expect(writtenDuring).toBeGreaterThan(0);
    expect(notes).toEqual([]);
    expect(problems + differing + gaps).toBe(0);
    expect(serverErrors).toEqual([]);
  });
});
