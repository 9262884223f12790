/**
 * The isolation matrix: every operation × every principal × foreign ids.
 *
 * Two workspaces, A and B, are filled through the API with one record of every kind (test/fixtures.ts `populate`:
 * customers, contacts, products, orders, assets, cases with messages, plan steps, links, checkpoints and an
 * attachment, time entries, service contracts, teams, departments, roles, saved views, macros, mail channels,
 * webhooks and deliveries, bots, notifications, return reasons, policies and returns with photos), plus records
 * carrying a unique marker (`LEAK-B-…` in B; in A one per customer and one in an internal note).
 *
 * Principals: anonymous; in A an ordinary portal contact and a company-wide contact of customer X, a company-wide
 * contact of customer Y; an agent, a department lead, the admin, an API token of each scope (read, write, admin);
 * and B's admin (another workspace's admin, attacking A).
 *
 * Every operation of `app.routeTable` (nothing hand-picked) is called by every principal with the victim's ids in
 * the path parameters, in every query parameter and body field whose name ends in Id/Ids (nested too), and the
 * victim's marker as the search text; the same request with random ids instead is the "missing" reference. For a
 * contact the victims are B, then the other customer of A (and, for the ordinary contact, the company-wide
 * contact's own case). The live-update stream (SSE) is read by every staff principal while B produces
 * notifications. CSV/XLSX exports are read as text (XLSX through exceljs).
 *
 * Properties, each recorded as a figure (target 0):
 * - leaks: a body (JSON, CSV, XLSX, binary, SSE) holding a forbidden marker, or a forbidden id the request did not
 *   carry (or any forbidden id in a success);
 * - distinguishable 404s: the foreign request and the missing one answer with different statuses, or (both errors)
 *   with different bodies once request ids and uuids are masked;
 * - foreign writes applied: the victim workspace as its own admin reads it (every GET route) differs afterwards;
 * - 5xx answers.
 *
 * Quick: one all-foreign variant per operation × principal × victim, and for A's admin and the company-wide
 * contact also each query/body id field foreign on its own with everything else their own (a service that stops at
 * the first bad reference never looks at the rest otherwise). Full (`--full`): the field-by-field variants for every
 * principal, and each path parameter foreign on its own beside the staff principal's own records.
 * Quick mode takes about 50–70 s of requests on SQLite and 70–130 s on PostgreSQL on the loaded 2-core machine.
 *
 * What is not counted, by design: a workspace slug (the public web form's address) is never "foreign"; ids that
 * A's own people typed into a saved view's filter (`query`) come back in that view; `wechatId` is free text; when
 * a write went through, its reference twin is not compared (the first changed a version or a unique name), the
 * leak check and the victim's snapshot judge it instead. Positive controls: B's admin's own stream must carry B's
 * live notification, every stream must open, and the all-foreign requests reach the handlers (they answer
 * `unknown_reference`/404, not schema errors). Found and fixed: SLA policy conditions stored another workspace's
 * customer ids (apps/server/src/modules/sla/sla.conditions.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../apps/server/test/app.js';
import { Client, sessionFrom, type Session } from '../apps/server/test/client.js';
import {
  createStaff,
  createWorkspace,
  PASSWORD,
  unique,
  type Workspace,
} from '../apps/server/test/factories.js';
import { populate, type Records } from '../apps/server/test/fixtures.js';
import { PNG_1PX, uploadFile } from '../apps/server/test/multipart.js';
import type { RouteInfo } from '../apps/server/src/platform/http/access.js';
import { FULL, record } from './record.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Ids = Record<string, string>;
type Schema = Record<string, unknown>;

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

let t: TestApp;
let a: Workspace;
let b: Workspace;
let aRec: Records;
let bRec: Records;
let aIds: Ids;
let bIds: Ids;

/** Whose records a principal attacks: ids under route parameter names; `foreign` limits which of them are not its own. */
interface Victim {
  name: string;
  ids: Ids;
  search: string;
  foreign?: string[];
}

/** A principal: how it signs its requests, whom it attacks, and what it must never see. */
interface Principal {
  name: string;
  headers: Record<string, string>;
  /** Id maps (route parameter name → id) of records the principal may not reach. */
  victims: Victim[];
  forbiddenIds: Set<string>;
  forbiddenMarkers: string[];
  /** Staff who can open the live-update stream. */
  staff: boolean;
  /** The principal's own records (mixed with one foreign id in the field-by-field and full-mode variants). */
  own?: Ids;
  /** Quick mode also tries each id field foreign on its own (full mode does for every principal with `own`). */
  fieldByField?: boolean;
}

const markerToken = () => randomUUID().replace(/-/g, '').slice(0, 12);
const tokens = {
  b: markerToken(),
  y: markerToken(),
  xw: markerToken(),
  ai: markerToken(),
  aw: markerToken(),
};
const MARK = {
  b: `LEAK-B-${tokens.b}`,
  /** On A's customer Y. */
  y: `LEAK-AY-${tokens.y}`,
  /** On the case of A's company-wide contact of X (not the ordinary contact's). */
  xw: `LEAK-AXW-${tokens.xw}`,
  /** In A's internal notes (never for contacts). */
  ai: `LEAK-AI-${tokens.ai}`,
  /** On A's workspace-level records (macro, team, view). */
  aw: `LEAK-AW-${tokens.aw}`,
};

async function ok<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function idsOf(r: Records): Ids {
  const out: Ids = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'string' && k.endsWith('Id')) out[k] = v;
  out.slug = r.slug;
  return out;
}

/** The A records of the other side of a customer pair, under the route parameter names. */
function otherCustomerView(r: Ids): Ids {
  return {
    ...r,
    customerId: r.otherCustomerId as string,
    orderId: r.otherOrderId as string,
    assetId: r.otherAssetId as string,
    caseId: r.otherCaseId as string,
    stepId: r.otherStepId as string,
    attachmentId: r.otherAttachmentId as string,
    linkId: r.otherLinkId as string,
    checkpointId: r.otherCheckpointId as string,
    returnId: r.otherReturnId as string,
    photoId: r.otherPhotoId as string,
    orderLineId: r.otherOrderLineId as string,
  };
}

const X_SIDE = [
  'customerId',
  'contactId',
  'orderId',
  'assetId',
  'caseId',
  'stepId',
  'attachmentId',
  'linkId',
  'checkpointId',
  'returnId',
  'photoId',
  'entryId',
  'contractId',
  'orderLineId',
];
const Y_SIDE = [
  'otherCustomerId',
  'otherOrderId',
  'otherAssetId',
  'otherCaseId',
  'otherStepId',
  'otherAttachmentId',
  'otherLinkId',
  'otherCheckpointId',
  'otherReturnId',
  'otherPhotoId',
  'otherOrderLineId',
];
/** A customer's own records, under route parameter names: what one customer's contact may not reach of another. */
const CUSTOMER_SIDE = [
  'customerId',
  'contactId',
  'orderId',
  'orderLineId',
  'assetId',
  'caseId',
  'stepId',
  'attachmentId',
  'linkId',
  'checkpointId',
  'returnId',
  'photoId',
  'entryId',
  'contractId',
];
/** The company-wide contact's case of X and what hangs on it: not for the ordinary contact of X. */
const X_WIDE_CASE = ['caseId', 'stepId', 'attachmentId', 'linkId', 'checkpointId', 'returnId', 'photoId'];
/** Workspace records a contact has no business seeing. */
const STAFF_ONLY = [
  'tokenId',
  'roleId',
  'webhookId',
  'botId',
  'deliveryId',
  'channelId',
  'ruleId',
  'macroId',
  'viewId',
  'notificationId',
  'entryId',
  'teamId',
];

/** Which victim id a request field named `name` (…Id / …Ids) gets. */
function idFor(name: string, ids: Ids): string | undefined {
  const base = name.replace(/Ids?$/, '');
  if (`${base}Id` in ids) return ids[`${base}Id`];
  const alias: Record<string, string> = {
    owner: 'userId',
    assignee: 'userId',
    lead: 'userId',
    member: 'userId',
    mention: 'userId',
    reviewer: 'userId',
    user: 'userId',
    target: 'caseId',
    into: 'caseId',
    source: 'caseId',
    parent: 'caseId',
    duplicate: 'caseId',
    reason: 'returnReasonId',
    returnReason: 'returnReasonId',
    returnPolicy: 'returnPolicyId',
    slaPolicy: 'policyId',
    mailChannel: 'channelId',
    photo: 'photoId',
    endpoint: 'webhookId',
    line: 'orderLineId',
    template: 'macroId',
    savedView: 'viewId',
    agent: 'userId',
    replacementOrder: 'orderId',
    repairCase: 'caseId',
    linkedCase: 'caseId',
  };
  // Reorder lists (`ids`): the records being ordered.
  if (name === 'ids') return currentUrl.includes('sla-policies') ? ids.policyId : ids.ruleId;
  const key = alias[base];
  if (key) return ids[key];
  return ids.caseId;
}

const seenIdFields = new Set<string>();
/** The route whose request is being built (for fields named only `ids`). */
let currentUrl = '';
/** While a request is built: one field that takes its id from another map (the field-by-field variants). */
let fieldOverride: { field: string; ids: Ids } | null = null;
/** The id fields met while building the current request. */
let builtFields = new Set<string>();

/** A valid-looking value for a schema; every …Id/…Ids field (optional ones too) carries an id from `ids`. */
/** Fields named like a reference that hold free text (a WeChat handle). */
const NOT_REFERENCES = new Set(['wechatId']);

function valueFor(schema: unknown, ids: Ids, search: string, name = ''): unknown {
  const s = (schema ?? {}) as Schema;
  const isIds = /Ids$/.test(name) || name === 'ids';
  const isId = /Id$/.test(name) && !NOT_REFERENCES.has(name);
  if (isId || isIds) {
    seenIdFields.add(name);
    builtFields.add(name);
    const from = fieldOverride?.field === name ? fieldOverride.ids : ids;
    const id = idFor(name, from) ?? randomUUID();
    if (isIds || s.type === 'array') return [id];
    return id;
  }
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.anyOf)) {
    const nonNull = (s.anyOf as Schema[]).find((x) => x.type !== 'null');
    return valueFor(nonNull ?? s.anyOf[0], ids, search, name);
  }
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(props))
        if (
          required.has(key) ||
          (/Ids?$/.test(key) && !NOT_REFERENCES.has(key)) ||
          key === 'ids' ||
          (key === 'q' && search) ||
          hasIdFields(prop)
        )
          out[key] = key === 'q' ? search : valueFor(prop, ids, search, key);
      return out;
    }
    case 'array': {
      const n = Math.max(typeof s.minItems === 'number' ? s.minItems : 0, hasIdFields(s.items) ? 1 : 0);
      return Array.from({ length: n }, () => valueFor(s.items, ids, search));
    }
    case 'integer':
    case 'number':
      if (s.default !== undefined) return s.default;
      return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
    case 'boolean':
      return false;
    case 'string':
      return stringFor(s);
    default:
      return s.default ?? null;
  }
}

/** Whether a schema holds a …Id/…Ids field anywhere inside (optional objects carrying one are filled too). */
function hasIdFields(schema: unknown, depth = 0): boolean {
  const s = (schema ?? {}) as Schema;
  if (depth > 6) return false;
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).some((x) => hasIdFields(x, depth + 1));
  if (s.type === 'array') return hasIdFields(s.items, depth + 1);
  if (s.type !== 'object') return false;
  return Object.entries((s.properties ?? {}) as Record<string, Schema>).some(
    ([k, v]) => /Ids?$/.test(k) || hasIdFields(v, depth + 1),
  );
}

function stringFor(s: Schema): string {
  const r = randomUUID().slice(0, 8);
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2027-01-15T08:00:00.000Z';
    case 'email':
      return `iso${r}@example.com`;
    case 'uri':
      return `https://93.184.215.14/${r}`;
  }
  if (typeof s.pattern === 'string') {
    if (s.pattern.includes('[A-Z]{3}')) return 'CNY';
    if (s.pattern.includes('a-z0-9')) return `x${r}`;
    if (s.pattern.includes('0-9]{2}:')) return '09:00';
    return `X${r}`;
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 1;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 200;
  return `iso-${r}-abcdefghijklmnopqrstuvwxyz`.slice(0, Math.min(max, Math.max(min, 16)));
}

interface Raw {
  status: number;
  text: string;
  contentType: string;
}

let addressSeq = 0;
async function send(
  principal: Principal,
  method: Method,
  url: string,
  body: unknown,
  extra: Record<string, string> = {},
): Promise<Raw> {
  addressSeq += 1;
  const res = await t.app.inject({
    method,
    url,
    remoteAddress: `10.${(addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`,
    headers: { ...principal.headers, ...extra },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  const contentType = String(res.headers['content-type'] ?? '');
  let text = res.body;
  if (/spreadsheetml|application\/zip|octet-stream/.test(contentType) && res.rawPayload.length > 0)
    text = await xlsxText(res.rawPayload).catch(() => res.rawPayload.toString('latin1'));
  return { status: res.statusCode, text, contentType };
}

/** Every cell of every sheet of an XLSX file, as text. */
async function xlsxText(buffer: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\t');
}

const fillPath = (url: string, ids: Ids, fallback: (name: string) => string) =>
  url.replace(/:([A-Za-z]+)/g, (_, name: string) => ids[name] ?? fallback(name));

/**
 * The same map with every foreign id replaced by a fresh random one (a record that does not exist). The slug is
 * kept: it is the address of a workspace's public web form, public by design.
 */
function missingOf(ids: Ids, foreign?: string[]): Ids {
  const out: Ids = { ...ids };
  for (const k of Object.keys(ids))
    if (k !== 'slug' && (!foreign || foreign.includes(k))) out[k] = randomUUID();
  return out;
}

function queryFor(route: RouteInfo, ids: Ids, search: string): string {
  const schema = (route.schema as { querystring?: unknown } | undefined)?.querystring;
  if (!schema) return '';
  const value = valueFor(schema, ids, search) as Record<string, unknown>;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value ?? {})) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) params.set(k, v.join(','));
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function bodyFor(route: RouteInfo, ids: Ids, search: string): unknown {
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  const schema = (route.schema as { body?: unknown } | undefined)?.body;
  return schema ? valueFor(schema, ids, search) : {};
}

/** An answer with request ids, uuids and timestamps masked, for comparing "foreign" with "missing". */
function normalise(text: string): string {
  return text
    .replace(/"requestId":"[^"]*"/g, '"requestId":""')
    .replace(UUID_RE, '<uuid>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
}

const apiRoutes = (): RouteInfo[] =>
  t.app.routeTable
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
    // Signing out ends the principal's session: last.
    .sort((x, y) => Number(x.url.endsWith('/logout')) - Number(y.url.endsWith('/logout')));

const figures = {
  checked: 0,
  requests: 0,
  leaks: [] as string[],
  distinguishable: [] as string[],
  errors5xx: [] as string[],
  foreignWrites: [] as string[],
  streamLeaks: [] as string[],
};

/**
 * A saved view keeps the filter its author typed (`query`), ids and all, and runs it in its own workspace: an id
 * of B that A's own people typed into a filter is theirs to see again. Markers are still looked for there.
 */
const withoutSavedFilters = (text: string) =>
  text.replace(/"query":\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '"query":{}');

function leaksIn(p: Principal, sent: string, res: Raw, url = ''): string[] {
  const found: string[] = [];
  for (const m of p.forbiddenMarkers) if (res.text.includes(m)) found.push(m);
  const text = url.startsWith('/api/case-views') ? withoutSavedFilters(res.text) : res.text;
  for (const id of p.forbiddenIds)
    if (text.includes(id) && (res.status < 400 || !sent.includes(id))) found.push(id);
  return found;
}

/**
 * One attack and its reference. Without `field`: every id of `ids` in path, query and body (the victim's). With
 * `field`: the principal's own ids everywhere except that one body or query field, which carries the victim's.
 */
async function attack(p: Principal, route: RouteInfo, victim: Victim, ids: Ids, field?: string) {
  const missing = missingOf(ids, victim.foreign);
  const own = (name: string) => `nosuch${name}`;
  const build = (m: Ids, search: string, override: { field: string; ids: Ids } | null) => {
    currentUrl = route.url;
    fieldOverride = override;
    builtFields = new Set();
    const url = `${fillPath(route.url, m, own)}${queryFor(route, m, search)}`;
    const body = bodyFor(route, m, search);
    fieldOverride = null;
    return { url, body };
  };
  const base = field ? (p.own as Ids) : ids;
  const foreign = build(base, victim.search, field ? { field, ids } : null);
  const res = await send(p, route.method as Method, foreign.url, foreign.body);
  figures.requests += 1;
  const where = `${p.name} ${route.method} ${route.url}${field ? ` (${field})` : ''} [${victim.name}]`;
  const sent = `${foreign.url} ${JSON.stringify(foreign.body ?? '')}`;
  if (res.status >= 500) figures.errors5xx.push(`${where} → ${res.status} ${res.text.slice(0, 200)}`);
  const leaked = leaksIn(p, sent, res, route.url);
  if (leaked.length) figures.leaks.push(`${where} → ${res.status} leaks ${leaked.join(', ')}`);
  // The same request with ids that exist nowhere: a foreign record must look exactly like a missing one.
  const foreignIds = field
    ? [idFor(field, ids) as string].filter((id) => id !== idFor(field, missing))
    : Object.keys(ids)
        .filter((k) => ids[k] !== missing[k])
        .map((k) => ids[k] as string);
  if (!foreignIds.some((id) => sent.includes(id))) return;
  const reference = build(field ? base : missing, victim.search, field ? { field, ids: missing } : null);
  const ref = await send(p, route.method as Method, reference.url, reference.body);
  figures.requests += 1;
  if (ref.status >= 500) figures.errors5xx.push(`${where} (missing ids) → ${ref.status}`);
  if (res.status === 429 || ref.status === 429) return;
  // A write that went through changed what the next request meets (a version, a unique name): nothing to
  // compare. A foreign reference accepted shows as a leak (its id in a success) or in the victim's snapshot.
  if (route.method !== 'GET' && (res.status < 300 || ref.status < 300)) return;
  if (res.status !== ref.status) {
    figures.distinguishable.push(
      `${where}: foreign → ${res.status} ${res.text.slice(0, 600)}; missing → ${ref.status} ${ref.text.slice(0, 600)}`,
    );
  } else if (res.status >= 400 && normalise(res.text) !== normalise(ref.text)) {
    figures.distinguishable.push(
      `${where}: bodies differ: ${res.text.slice(0, 600)} / ${ref.text.slice(0, 600)}`,
    );
  }
}

/** The id fields of a route's query and body. */
function idFieldsOf(route: RouteInfo, ids: Ids): string[] {
  currentUrl = route.url;
  builtFields = new Set();
  queryFor(route, ids, '');
  bodyFor(route, ids, '');
  return [...builtFields];
}

/** Every operation for one principal, against each of its victims. */
async function attackAll(p: Principal, routes: RouteInfo[]): Promise<void> {
  for (const route of routes) {
    for (const victim of p.victims) {
      await attack(p, route, victim, victim.ids);
      // Full mode: each path parameter foreign on its own, the others the staff principal's own records.
      const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
      if (FULL && p.own && p.staff && params.length > 1)
        for (const param of params) {
          const mixed: Ids = { ...p.own, [param]: victim.ids[param] as string };
          await attack(p, route, { ...victim, foreign: [param] }, mixed);
        }
      // Each id field of the query and body foreign on its own, the rest the principal's own records (a
      // service that stops at the first bad reference would otherwise never look at the others).
      const reachable = route.access.kind !== (p.staff ? 'contact' : 'staff');
      if (p.own && reachable && (FULL || p.fieldByField))
        for (const field of idFieldsOf(route, victim.ids)) await attack(p, route, victim, victim.ids, field);
    }
    figures.checked += 1;
  }
}

/** Reads a workspace as its own admin: every GET route, with its own ids. */
async function snapshot(
  secret: string,
  ids: Ids,
  skip: Set<string> = new Set(),
): Promise<Map<string, string>> {
  const admin: Principal = {
    name: 'owner',
    headers: { authorization: `Bearer ${secret}` },
    victims: [],
    forbiddenIds: new Set(),
    forbiddenMarkers: [],
    staff: true,
  };
  const out = new Map<string, string>();
  for (const route of apiRoutes()) {
    if (route.method !== 'GET' || route.access.kind === 'contact' || skip.has(route.url)) continue;
    if (route.url.endsWith('/stream')) continue;
    const url = fillPath(route.url, ids, (n) => `nosuch${n}`);
    const res = await send(admin, 'GET', url, undefined);
    out.set(route.url, `${res.status} ${res.text}`);
  }
  return out;
}

function differing(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((k) => before.get(k) !== after.get(k));
}

const headersOf = (s: Session) => ({ cookie: `ac_session=${s.cookie}`, 'x-csrf-token': s.csrf });

async function portalContact(ws: Workspace, customerId: string, companyWide: boolean) {
  const contact = await ok(
    ws.admin.post<{ id: string }>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide,
    }),
    'contact',
  );
  const invite = await ok(
    ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`),
    'invite',
  );
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  return { id: contact.id, session: sessionFrom(accepted) };
}

async function token(ws: Workspace, scope: 'read' | 'write' | 'admin'): Promise<string> {
  return (
    await ok(
      ws.admin.post<{ secret: string }>('/api/api-tokens', { name: `iso ${scope}`, scope }),
      `${scope} token`,
    )
  ).secret;
}

/** Records carrying a marker in their text, on top of `populate`; returns their ids. */
async function markWith(
  ws: Workspace,
  r: Records,
  marks: { customer: string; wide: string; other: string; internal: string; workspace: string },
): Promise<string[]> {
  const adm = ws.admin;
  const ids: string[] = [];
  const caseOf = async (customerId: string, contactId: string | null, mark: string) => {
    const c = await ok(
      adm.post<{ id: string }>('/api/cases', {
        customerId,
        ...(contactId ? { contactId } : {}),
        subject: `${mark} 工单`,
        body: `${mark} 设备无法开机`,
      }),
      `case ${mark}`,
    );
    const file = await ok(
      uploadFile<{ id: string }>(adm, '/api/attachments', PNG_1PX, { filename: `${mark}.png` }),
      'file',
    );
    await ok(
      adm.post(`/api/cases/${c.id}/messages`, {
        body: `${mark} 回复`,
        visibility: 'public',
        attachmentIds: [file.id],
      }),
      'reply',
    );
    await ok(
      adm.post(`/api/cases/${c.id}/messages`, { body: `${marks.internal} 内部备注`, visibility: 'internal' }),
      'internal note',
    );
    ids.push(c.id, file.id);
  };
  await caseOf(r.customerId, r.contactId, marks.wide);
  await caseOf(r.otherCustomerId, null, marks.other);
  await ok(
    adm.post(`/api/cases/${r.caseId}/messages`, { body: `${marks.internal} 内部`, visibility: 'internal' }),
    'internal',
  );
  const customer = await ok(
    adm.post<{ id: string }>('/api/customers', { code: unique('M'), name: `${marks.workspace} 客户` }),
    'marked customer',
  );
  const product = await ok(
    adm.post<{ id: string }>('/api/products', { sku: unique('MSKU'), name: `${marks.workspace} 产品` }),
    'marked product',
  );
  const macro = await ok(
    adm.post<{ id: string }>('/api/macros', {
      name: `${marks.workspace} 快捷回复`,
      shared: true,
      body: { 'zh-CN': `${marks.workspace}`, en: `${marks.workspace}` },
    }),
    'marked macro',
  );
  const team = await ok(
    adm.post<{ id: string }>('/api/teams', { name: `${marks.workspace} 团队`, memberIds: [] }),
    'team',
  );
  const view = await ok(
    adm.post<{ id: string }>('/api/case-views', {
      name: `${marks.workspace} 视图`,
      shared: true,
      query: { view: 'open' },
    }),
    'view',
  );
  const contract = await ok(
    adm.post<{ id: string }>('/api/service-contracts', {
      customerId: r.otherCustomerId,
      name: `${marks.other} 合同`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
    'contract',
  );
  ids.push(customer.id, product.id, macro.id, team.id, view.id, contract.id);
  return ids;
}

let principals: Principal[] = [];
/** Admin-scoped tokens of A's and B's admins, used only to read each workspace for the snapshots. */
let aReader: string;
let bReader: string;
let bAdmin: Principal;

beforeAll(async () => {
  t = await createTestApp();
  a = await createWorkspace(t.app);
  b = await createWorkspace(t.app);
  aRec = await populate(t.app, a);
  bRec = await populate(t.app, b);
  aIds = idsOf(aRec);
  bIds = idsOf(bRec);
  for (const [ws, r, ids] of [
    [a, aRec, aIds],
    [b, bRec, bIds],
  ] as const) {
    const lineOf = async (orderId: string) =>
      (await ok(ws.admin.get<{ lines: Array<{ id: string }> }>(`/api/orders/${orderId}`), 'order')).lines[0]
        ?.id as string;
    ids.orderLineId = await lineOf(r.orderId);
    ids.otherOrderLineId = await lineOf(r.otherOrderId);
    const detail = await ok(
      ws.admin.get<{ messages: Array<{ id: string; delivery?: { mailId: string } | null }> }>(
        `/api/cases/${r.caseId}`,
      ),
      'case',
    );
    ids.messageId = detail.messages[0]?.id as string;
    const mailId = detail.messages.find((m) => m.delivery)?.delivery?.mailId;
    if (mailId) ids.mailId = mailId;
  }
  const bExtra = await markWith(b, bRec, {
    customer: MARK.b,
    wide: MARK.b,
    other: MARK.b,
    internal: MARK.b,
    workspace: MARK.b,
  });
  await markWith(a, aRec, {
    customer: MARK.aw,
    wide: MARK.xw,
    other: MARK.y,
    internal: MARK.ai,
    workspace: MARK.aw,
  });
  // B's own notification with a marker (an agent mentions B's admin) for the lists and the stream.
  const bAgent = await createStaff(t.app, b, 'agent', [{ kind: 'support' }]);
  await ok(
    bAgent.client.post(`/api/cases/${bRec.caseId}/messages`, {
      body: `${MARK.b} @管理员`,
      visibility: 'internal',
      mentions: [b.me.id],
    }),
    'b mention',
  );
  await t.dispatch(b.me.workspace.id);

  const agent = await createStaff(t.app, a, 'agent', [{ kind: 'support' }]);
  const lead = await createStaff(t.app, a, 'agent', [{ kind: 'support', lead: true }]);
  const ordinary = await portalContact(a, aRec.customerId, false);
  const wideSession = aRec.portal.session as Session;
  const yContact = await portalContact(a, aRec.otherCustomerId, true);
  const [read, write, admin] = [await token(a, 'read'), await token(a, 'write'), await token(a, 'admin')];
  aReader = await token(a, 'admin');
  bReader = await token(b, 'admin');

  const bForbidden = new Set([...Object.values(bIds).filter((v) => v !== bIds.slug), ...bExtra]);
  const bVictim = { name: 'B', ids: bIds, search: tokens.b };
  const pick = (keys: string[]) => keys.map((k) => aIds[k]).filter((v): v is string => !!v);
  const contactForbidden = (sides: string[]) => new Set([...bForbidden, ...pick(sides), ...pick(STAFF_ONLY)]);
  const contactMarkers = [MARK.b, MARK.ai, MARK.aw];
  const staff = (name: string, headers: Record<string, string>): Principal => ({
    name,
    headers,
    victims: [bVictim],
    forbiddenIds: bForbidden,
    forbiddenMarkers: [MARK.b],
    staff: true,
    own: aIds,
  });
  const yView = otherCustomerView(aIds);
  principals = [
    {
      name: 'anonymous',
      headers: {},
      victims: [bVictim],
      forbiddenIds: new Set([...bForbidden, ...Object.values(aIds).filter((v) => v !== aIds.slug)]),
      forbiddenMarkers: Object.values(MARK),
      staff: false,
    },
    {
      name: 'contact',
      headers: headersOf(ordinary.session),
      victims: [
        bVictim,
        { name: 'A/Y', ids: yView, search: tokens.y, foreign: CUSTOMER_SIDE },
        { name: 'A/X-wide', ids: aIds, search: tokens.xw, foreign: X_WIDE_CASE },
      ],
      forbiddenIds: contactForbidden([...Y_SIDE, ...X_WIDE_CASE]),
      forbiddenMarkers: [...contactMarkers, MARK.y, MARK.xw],
      staff: false,
      own: { ...aIds, contactId: ordinary.id },
    },
    {
      name: 'company-wide contact',
      headers: headersOf(wideSession),
      victims: [bVictim, { name: 'A/Y', ids: yView, search: tokens.y, foreign: CUSTOMER_SIDE }],
      forbiddenIds: contactForbidden(Y_SIDE),
      forbiddenMarkers: [...contactMarkers, MARK.y],
      staff: false,
      own: aIds,
      fieldByField: true,
    },
    {
      name: 'contact of customer Y',
      headers: headersOf(yContact.session),
      victims: [bVictim, { name: 'A/X', ids: aIds, search: tokens.xw, foreign: CUSTOMER_SIDE }],
      forbiddenIds: contactForbidden(X_SIDE),
      forbiddenMarkers: [...contactMarkers, MARK.xw],
      staff: false,
      own: { ...yView, contactId: yContact.id },
    },
    staff('agent', headersOf(agent.client.session as Session)),
    staff('department lead', headersOf(lead.client.session as Session)),
    { ...staff('admin', headersOf(a.session)), fieldByField: true },
    staff('read token', { authorization: `Bearer ${read}` }),
    staff('write token', { authorization: `Bearer ${write}` }),
    staff('admin token', { authorization: `Bearer ${admin}` }),
  ];
  bAdmin = {
    name: "B's admin",
    headers: headersOf(b.session),
    victims: [{ name: 'A', ids: aIds, search: tokens.y }],
    forbiddenIds: new Set(Object.values(aIds).filter((v) => v !== aIds.slug)),
    forbiddenMarkers: [MARK.y, MARK.xw, MARK.ai, MARK.aw],
    staff: true,
    own: bIds,
  };
}, 300_000);
afterAll(() => t.close());

/** Reads a live-update stream for a while; returns what arrived. */
async function readStream(
  address: string,
  p: Principal,
  query: string,
  ms: number,
): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const res = await fetch(`${address}/api/me/notifications/stream${query}`, {
    headers: { ...p.headers, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  let text = '';
  if (res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const stop = setTimeout(() => controller.abort(), ms);
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    } catch {
      // aborted: read enough
    } finally {
      clearTimeout(stop);
    }
  }
  return { status: res.status, text };
}

describe('isolation matrix', () => {
  it('every operation × principal × foreign id: no leak, 404 like missing, no foreign write, no 5xx', async () => {
    const started = Date.now();
    const routes = apiRoutes();
    const unstable = new Set<string>();

    // The live-update stream: every staff principal of A listens while B produces a marked notification.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // B's admin listens too: the positive control, their stream must carry B's notification.
    const streamers = [...principals.filter((p) => p.staff), bAdmin];
    const bQuery = `?userId=${b.me.id}&workspaceId=${b.me.workspace.id}`;
    const bAgent = await createStaff(t.app, b, 'agent', [{ kind: 'support' }]);
    const reading = streamers.map((p) => readStream(address, p, bQuery, 3000));
    await new Promise((r) => setTimeout(r, 300));
    // A new case of B assigned to B's admin, its subject marked: a live `case_assigned` notification.
    const assigned = await bAgent.client.post('/api/cases', {
      customerId: bRec.customerId,
      subject: `${MARK.b} 实时工单`,
      body: `${MARK.b} 实时`,
      assigneeId: b.me.id,
    });
    if (assigned.status !== 201)
      throw new Error(`live case: ${assigned.status} ${JSON.stringify(assigned.body)}`);
    await t.dispatch(b.me.workspace.id);
    const streams = await Promise.all(reading);
    streams.forEach((s, i) => {
      const p = streamers[i] as Principal;
      figures.checked += 1;
      // The stream really was open: it starts with the principal's own unread count.
      if (s.status !== 200 || !s.text.includes('event: unread'))
        figures.streamLeaks.push(`${p.name} stream did not open (${s.status}): the check saw nothing`);
      if (s.status >= 500) figures.errors5xx.push(`${p.name} stream → ${s.status}`);
      const leaked = leaksIn(p, bQuery, { status: s.status, text: s.text, contentType: '' });
      if (leaked.length) figures.streamLeaks.push(`${p.name} stream leaks ${leaked.join(', ')}`);
      if (p === bAdmin && !s.text.includes('event: notification'))
        figures.streamLeaks.push(
          `B's admin's own stream never carried B's notification: the check saw nothing`,
        );
    });
    // The B snapshot is taken after B's own notification above.
    const b1 = await snapshot(bReader, bIds);
    const bBefore = await snapshot(bReader, bIds);
    for (const k of differing(b1, bBefore)) unstable.add(k);

    // Principals run side by side (each one's requests in order), as many at once as the pool has connections.
    const queue = [...principals];
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await attackAll(p, routes);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const bAfter = await snapshot(bReader, bIds, unstable);
    for (const k of differing(bBefore, bAfter).filter((x) => !unstable.has(x)))
      figures.foreignWrites.push(`B: GET ${k} changed`);

    // Another workspace's admin attacks A.
    const a1 = await snapshot(aReader, aIds);
    const aBefore = await snapshot(aReader, aIds);
    const aUnstable = new Set(differing(a1, aBefore));
    await attackAll(bAdmin, routes);
    const stream = await readStream(address, bAdmin, `?userId=${a.me.id}`, 300);
    const streamLeak = leaksIn(bAdmin, `?userId=${a.me.id}`, {
      status: stream.status,
      text: stream.text,
      contentType: '',
    });
    if (streamLeak.length) figures.streamLeaks.push(`B's admin stream leaks ${streamLeak.join(', ')}`);
    const aAfter = await snapshot(aReader, aIds, aUnstable);
    for (const k of differing(aBefore, aAfter).filter((x) => !aUnstable.has(x)))
      figures.foreignWrites.push(`A: GET ${k} changed`);

    const seconds = Math.round((Date.now() - started) / 1000);
    const show = (xs: string[]) => (xs.length ? `\n  ${xs.slice(0, 40).join('\n  ')}` : '');
    console.log(
      `isolation: ${routes.length} operations, ${principals.length + 1} principals, ${figures.requests} requests in ${seconds} s; unstable GETs skipped in snapshots: ${[...unstable, ...aUnstable].join(', ') || 'none'}; id fields filled: ${[...seenIdFields].sort().join(', ')}` +
        show(figures.leaks) +
        show(figures.streamLeaks) +
        show(figures.distinguishable) +
        show(figures.errors5xx) +
        show(figures.foreignWrites),
    );
    const leaks = figures.leaks.length + figures.streamLeaks.length;
    record({
      suite: 'isolation',
      name: 'operations × principals checked with foreign ids',
      value: figures.checked,
      unit: 'pairs',
      target: `every operation × ${principals.length + 1} principals`,
      pass: figures.checked >= routes.length * (principals.length + 1),
      note: `${routes.length} operations, ${figures.requests} requests in ${seconds} s`,
    });
    record({
      suite: 'isolation',
      name: 'leaks (foreign marker or id in a body, an export or the stream)',
      value: leaks,
      unit: 'leaks',
      target: '0',
      pass: leaks === 0,
    });
    record({
      suite: 'isolation',
      name: 'foreign ids answered differently from missing ones',
      value: figures.distinguishable.length,
      unit: 'answers',
      target: '0',
      pass: figures.distinguishable.length === 0,
    });
    record({
      suite: 'isolation',
      name: 'foreign writes applied',
      value: figures.foreignWrites.length,
      unit: 'reads changed',
      target: '0',
      pass: figures.foreignWrites.length === 0,
    });
    record({
      suite: 'isolation',
      name: '5xx answers',
      value: figures.errors5xx.length,
      unit: 'answers',
      target: '0',
      pass: figures.errors5xx.length === 0,
    });
    expect(figures.checked).toBeGreaterThanOrEqual(routes.length * (principals.length + 1));
    expect(figures.leaks).toEqual([]);
    expect(figures.streamLeaks).toEqual([]);
    expect(figures.distinguishable).toEqual([]);
    expect(figures.foreignWrites).toEqual([]);
    expect(figures.errors5xx).toEqual([]);
  });
});
