/**
 * Crash safety: the compiled server under write load, killed with SIGKILL at random moments.
 *
 * Attack: six concurrent API clients (one workspace, an API token) write as fast as the server answers: cases
 * created with a first message (a third of them with an uploaded photo attached: upload, then the case creation
 * that attaches it), case updates (subject and severity, with the version read just before), internal notes.
 * One case creation writes cases, counters, case_sla, case_messages, attachments, case_search (+ case_fts on
 * SQLite), audit_log and outbox in one transaction. At a random moment (0.3–2.3 s after the round's fifth
 * acknowledged write) the server gets SIGKILL, is restarted on the same database, and the load goes on, then a
 * last SIGKILL. Quick: 5 kills + the last; full: 50 + the last. Targets: 0 lost acknowledged writes, integrity
 * and foreign-key checks pass, 0 half-applied operations, 0 server errors (5xx) outside the kills.
 *
 * Every ACKNOWLEDGED write (a 2xx received) is logged with its id and the values sent. A request in flight at a
 * kill has no known outcome: an update that was in flight may or may not be there, never anything else.
 * After each restart (clients paused) and after the final kill (server dead, SQLite opened read-only):
 * - lost acknowledged writes: every acknowledged case (customer, subject/severity of its last acknowledged
 *   update or of an update in flight after it, first message text), note and upload is there (target 0);
 * - integrity: SQLite PRAGMA integrity_check = ok and foreign_key_check empty; PostgreSQL: every foreign key
 *   of the schema validated and anti-joins over the main references empty;
 * - half-applied operations: every case has its first message, search document (and FTS row), `created` audit
 *   entry and case.created outbox event; every file its content; the case counter covers the cases (target 0).
 * Also recorded: SQLite runs WAL (read from the file) with synchronous=FULL by default (the configuration's
 * default, applied by openDatabase; synchronous is per connection, so it is read on a connection opened the way
 * the server opens its own).
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { DIALECT, FULL, record, scale } from './record.js';
import {
  HttpError,
  api,
  freePort,
  freshDatabase,
  halfApplied,
  integrity,
  signUp,
  startServer,
  uploadPng,
  type LiveDatabase,
  type LiveServer,
  type Workspace,
} from './live-server.js';

const KILLS = scale(5, 50);
const CLIENTS = 6;
const SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;

interface AckedCase {
  id: string;
  customerId: string;
  marker: string;
  /** The upload attached at creation. */
  attachmentId: string | null;
  /** Subject/severity of the creation or the last acknowledged update. */
  acked: { subject: string; severity: string };
  /** Updates sent after it whose outcome is unknown (in flight at a kill). */
  inFlight: Array<{ subject: string; severity: string }>;
}

const log = {
  cases: new Map<string, AckedCase>(),
  notes: [] as Array<{ id: string; caseId: string; marker: string }>,
  uploads: [] as string[],
  updates: 0,
  serverErrors: [] as string[],
};
const acknowledged = () => log.cases.size + log.notes.length + log.uploads.length + log.updates;

let db: LiveDatabase;
let server: LiveServer;
let ws: Workspace;
let port: number;
const secret = randomBytes(32).toString('hex');

/** Closed while the server is down or being checked; clients wait on it before each operation. */
let gate: Promise<void> = Promise.resolve();
let openGate: () => void = () => undefined;
let stopping = false;

function closeGate(): void {
  gate = new Promise((resolve) => (openGate = resolve));
}

const rand = (n: number) => Math.floor(Math.random() * n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request whose answer was not a 2xx: known not to be applied (4xx) or unknown (network error, 5xx). */
function outcomeUnknown(err: unknown): boolean {
  if (err instanceof HttpError) {
    if (err.status >= 500) log.serverErrors.push(err.message);
    return err.status >= 500;
  }
  return true;
}

async function client(n: number): Promise<void> {
  const mine: AckedCase[] = [];
  let seq = 0;
  while (!stopping) {
    await gate;
    if (stopping) break;
    const base = server.url;
    const marker = `rel-${n}-${++seq}-${randomBytes(3).toString('hex')}`;
    const roll = Math.random();
    try {
      if (mine.length < 3 || roll < 0.45) {
        const customer = ws.customers[rand(ws.customers.length)] as Workspace['customers'][number];
        let attachmentId: string | null = null;
        if (Math.random() < 0.33) {
          attachmentId = await uploadPng(base, ws.token, `${marker}.png`);
          log.uploads.push(attachmentId);
        }
        const subject = `设备报警 ${marker}`;
        const severity = SEVERITIES[rand(4)] as string;
        const created = await api<{ id: string }>(base, ws.token, 'POST', '/api/cases', {
          customerId: customer.id,
          contactId: customer.contactId,
          subject,
          severity,
          body: `客户来电：主机异响，风扇噪音明显。The unit beeps at start-up. ${marker}`,
          ...(attachmentId ? { attachmentIds: [attachmentId] } : {}),
        });
        const c: AckedCase = {
          id: created.id,
          customerId: customer.id,
          marker,
          attachmentId,
          acked: { subject, severity },
          inFlight: [],
        };
        log.cases.set(c.id, c);
        mine.push(c);
      } else if (roll < 0.75) {
        const c = mine[rand(mine.length)] as AckedCase;
        const current = await api<{ version: number }>(base, ws.token, 'GET', `/api/cases/${c.id}`);
        const next = { subject: `更新 ${marker}`, severity: SEVERITIES[rand(4)] as string };
        try {
          await api(base, ws.token, 'PATCH', `/api/cases/${c.id}`, { ...next, version: current.version });
          c.acked = next;
          c.inFlight = [];
          log.updates += 1;
        } catch (err) {
          if (outcomeUnknown(err)) c.inFlight.push(next);
          throw err;
        }
      } else {
        const c = mine[rand(mine.length)] as AckedCase;
        const note = await api<{ id: string }>(base, ws.token, 'POST', `/api/cases/${c.id}/messages`, {
          body: `内部备注：已安排工程师上门 ${marker}`,
          visibility: 'internal',
        });
        log.notes.push({ id: note.id, caseId: c.id, marker });
      }
    } catch (err) {
      outcomeUnknown(err);
      // Down (killed) or refused: wait for the restart.
      if (!(err instanceof HttpError)) await sleep(20);
    }
  }
}

/** Every acknowledged write, read straight from the database. Returns one line per lost or wrong write. */
async function lostWrites(): Promise<string[]> {
  const lost: string[] = [];
  const cases = new Map(
    (await db.query('SELECT id, customer_id, subject, severity FROM cases')).map((r) => [String(r.id), r]),
  );
  const messages = await db.query('SELECT id, case_id, body_text FROM case_messages');
  const byId = new Map(messages.map((m) => [String(m.id), m]));
  const textsOf = new Map<string, string[]>();
  for (const m of messages) {
    const list = textsOf.get(String(m.case_id)) ?? [];
    list.push(String(m.body_text));
    textsOf.set(String(m.case_id), list);
  }
  const attachments = new Map(
    (await db.query('SELECT id, case_id, message_id FROM attachments')).map((r) => [String(r.id), r]),
  );
  for (const c of log.cases.values()) {
    const row = cases.get(c.id);
    if (!row) {
      lost.push(`case ${c.id} (${c.marker}) is missing`);
      continue;
    }
    if (row.customer_id !== c.customerId) lost.push(`case ${c.id}: customer ${String(row.customer_id)}`);
    const allowed = [c.acked, ...c.inFlight];
    if (!allowed.some((v) => v.subject === row.subject && v.severity === row.severity))
      lost.push(
        `case ${c.id}: ${String(row.subject)}/${String(row.severity)}, acknowledged ${c.acked.subject}/${c.acked.severity}`,
      );
    if (!(textsOf.get(c.id) ?? []).some((t) => t.includes(c.marker)))
      lost.push(`case ${c.id}: its first message is missing`);
    if (c.attachmentId) {
      const a = attachments.get(c.attachmentId);
      if (!a || a.case_id !== c.id || !a.message_id)
        lost.push(`case ${c.id}: attachment ${c.attachmentId} not attached`);
    }
  }
  for (const n of log.notes) {
    const m = byId.get(n.id);
    if (!m || m.case_id !== n.caseId || !String(m.body_text).includes(n.marker))
      lost.push(`note ${n.id} (${n.marker}) is missing`);
  }
  for (const id of log.uploads) if (!attachments.has(id)) lost.push(`upload ${id} is missing`);
  return lost;
}

beforeAll(async () => {
  db = await freshDatabase('crash');
  port = await freePort();
  server = await startServer(db, port, secret);
  ws = await signUp(server.url, `crash-${randomBytes(3).toString('hex')}`);
});
afterAll(async () => {
  stopping = true;
  openGate();
  await server?.kill();
  await db?.drop();
});

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${KILLS} SIGKILLs under write load (${DIALECT})`, async () => {
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    const lost = new Set<string>();
    const halves = new Set<string>();
    const broken: string[] = [];
    let kills = 0;
    for (let k = 0; k < KILLS; k++) {
      // The kill lands at a random moment once this round's writes are flowing.
      const before = acknowledged();
      while (acknowledged() < before + 5) await sleep(20);
      await sleep(300 + rand(2000));
      closeGate();
      await server.kill();
      kills += 1;
      server = await startServer(db, port, secret);
      for (const l of await lostWrites()) lost.add(l);
      for (const h of await halfApplied(db)) halves.add(h);
      const check = await integrity(db);
      if (!check.ok) broken.push(`after kill ${kills}: ${check.detail}`);
      openGate();
    }
    // The final kill, in the middle of writes; then the database as a crash leaves it, the server dead.
    await sleep(500 + rand(1000));
    closeGate();
    stopping = true;
    await server.kill();
    kills += 1;
    openGate();
    await Promise.all(clients);
    for (const l of await lostWrites()) lost.add(l);
    for (const h of await halfApplied(db)) halves.add(h);
    const final = await integrity(db);
    if (!final.ok) broken.push(`after the final kill: ${final.detail}`);

    const note = `${CLIENTS} clients; ${log.cases.size} cases, ${log.updates} updates, ${log.notes.length} notes, ${log.uploads.length} uploads acknowledged`;
    record({
      suite: 'crash',
      name: 'SIGKILLs under write load',
      value: kills,
      unit: 'kills',
      target: `${KILLS + 1}`,
      pass: kills === KILLS + 1,
      note: FULL ? undefined : 'quick mode',
    });
    record({
      suite: 'crash',
      name: 'acknowledged writes',
      value: acknowledged(),
      unit: 'writes',
      target: '> 0',
      pass: acknowledged() > 0,
      note,
    });
    record({
      suite: 'crash',
      name: 'lost acknowledged writes',
      value: lost.size,
      unit: 'writes',
      target: '0',
      pass: lost.size === 0,
      note: [...lost].slice(0, 3).join('; '),
    });
    record({
      suite: 'crash',
      name: 'integrity and foreign-key check failures',
      value: broken.length,
      unit: 'checks',
      target: '0',
      pass: broken.length === 0,
      note: broken[0] ?? final.detail,
    });
    record({
      suite: 'crash',
      name: 'half-applied operations',
      value: halves.size,
      unit: 'rows',
      target: '0',
      pass: halves.size === 0,
      note: [...halves].slice(0, 3).join('; '),
    });
    record({
      suite: 'crash',
      name: 'server errors (5xx) outside kills',
      value: log.serverErrors.length,
      unit: 'responses',
      target: '0',
      pass: log.serverErrors.length === 0,
      note: log.serverErrors[0]?.slice(0, 200),
    });
    expect(acknowledged()).toBeGreaterThan(0);
    expect([...lost]).toEqual([]);
    expect(broken).toEqual([]);
    expect([...halves]).toEqual([]);
    expect(log.serverErrors).toEqual([]);
  });

  it.skipIf(DIALECT !== 'sqlite')('runs SQLite in WAL mode with synchronous=FULL by default', () => {
    const conn = new BetterSqlite3(db.file as string, { readonly: true, fileMustExist: true });
    const mode = conn.pragma('journal_mode', { simple: true }) as string;
    conn.close();
    // The server's own connection: the default configuration, opened the way main.ts opens it.
    const config = loadConfig({ NODE_ENV: 'test', AFTERCARE_DATA_DIR: db.dataDir });
    const probe = openDatabase({
      url: `sqlite:${db.dataDir}/probe.db`,
      sqliteSynchronous: config.sqliteSynchronous,
    });
    const sync = probe.sqlite?.pragma('synchronous', { simple: true }) as number;
    const probeMode = probe.sqlite?.pragma('journal_mode', { simple: true }) as string;
    void probe.close();
    const ok = mode === 'wal' && probeMode === 'wal' && sync === 2;
    record({
      suite: 'crash',
      name: 'SQLite default durability (journal_mode, synchronous)',
      value: sync,
      unit: '(2 = FULL)',
      target: 'wal, 2',
      pass: ok,
      note: `database file: ${mode}; default connection: ${probeMode}, synchronous=${sync}`,
    });
    expect(mode).toBe('wal');
    expect(probeMode).toBe('wal');
    expect(sync).toBe(2);
  });
});
