/**
 * Schema fuzzing from the OpenAPI document (issue 6, "Reliability and security", first bullet).
 *
 * What it attacks: every operation of GET /api/docs/json (staff API as the workspace administrator, portal API as
 * a company-wide portal contact, public routes anonymously), in an in-process app (`createTestApp()`) on this
 * run's database, seeded with one workspace of realistic data through the API (`populate()` in
 * apps/server/test/fixtures.ts: customers, a contact with portal access, products, orders, assets, cases with
 * messages, attachments, plans, links, checkpoints, staff, teams, macros, contracts, webhooks, bots, returns…).
 * Path parameters are the seeded ids named like the parameter (`{caseId}` → the case), sometimes random UUIDs;
 * uuid fields in bodies and queries are the seeded id of the same name, any seeded id, or a random UUID.
 *
 * - VALID requests are generated from the request schemas (path, query, JSON body) by a JSON-Schema → fast-check
 *   arbitrary written here (type, enum, const, formats uuid/email/date/date-time/uri, lengths, bounds, patterns,
 *   anyOf/oneOf/allOf, items, uniqueItems, required, additionalProperties). Multipart routes (uploads, order
 *   import) get a multipart body with a generated file, as their description says.
 * - MALFORMED requests start from a valid one and break it: a missing required field, a wrong type, out of range
 *   (too long — up to huge strings —, too short, beyond a bound, not an integer, not in the enum, a broken
 *   format or pattern, too many items, duplicates), an unknown field, prototype-pollution keys (`__proto__`,
 *   `constructor.prototype`), hostile text (null bytes, lone surrogates, bidi overrides, emoji sequences,
 *   markup), deeply nested JSON, broken JSON text, a body over the size limit, a wrong content type, broken
 *   path parameters and query strings, broken multipart bodies.
 *
 * Properties (each a recorded figure with target 0, then asserted):
 * - no 5xx;
 * - no stack trace in any body (frames `at …:line:col`, `node_modules`, source paths with a line, `TypeError:`…),
 *   unless the text only echoes what the request sent;
 * - every 2xx JSON reply validates (Ajv, JSON Schema 2020-12, formats) against the documented schema of its
 *   status, and a 2xx status the operation does not document counts as a mismatch;
 * - every 4xx reply is the one error shape (`ErrorBody`: `{ error: { code, message, requestId, details? } }`);
 * - a malformed request that breaks the documented schema gets a 4xx (hostile text that the schema allows may
 *   also succeed, and then its reply must match the schema).
 *
 * Counts: quick mode (CI) 3 valid + 3 malformed requests per operation (~1,500 requests: ~40 s on SQLite,
 * ~80 s on PostgreSQL on the 2-core machine); full mode (`npm run reliability -- --full`) 1,000 valid + 1,000
 * malformed per operation (~500,000 requests). FUZZ_RUNS=n overrides both counts, FUZZ_SEED the seed.
 * Each operation runs `fc.assert` with its own seed derived from FUZZ_SEED (default 20261122) and the
 * operation, so its requests are reproducible: a failure prints the seed and the offending requests and replies
 * (first two of each kind). Non-destructive operations run three at a time, so the order between operations
 * (not within one) varies from run to run.
 *
 * Destructive operations are ordered last instead of skipped, so they still run on the seeded data:
 * merging a case into another (closes the case the other routes use), then every DELETE, then PATCH
 * /api/auth/me (may change the administrator's locale and name) and PATCH /api/workspace (may switch modules
 * off, after which module routes answer 404), and POST /api/auth/logout last, on a second session of the
 * administrator of its own (after the first logout it answers 401, which is still checked). Nothing is
 * skipped. Rate-limited routes (sign-in, sign-up, password reset, web form) may answer 429: a 4xx like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../apps/server/test/app.js';
import { Client, sessionFrom, type Session } from '../apps/server/test/client.js';
import { createWorkspace, PASSWORD, type Workspace } from '../apps/server/test/factories.js';
import { populate, type Records } from '../apps/server/test/fixtures.js';
import { multipartBody, PNG_1PX } from '../apps/server/test/multipart.js';
import { FULL, record, scale } from './record.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: unknown };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  key: string;
  method: Method;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  multipart: boolean;
  responses: Record<string, Schema | null>;
  who: 'admin' | 'portal' | 'anonymous' | 'logout';
  order: number;
}
interface OpenApi {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}
interface OperationObject {
  parameters?: Parameter[];
  description?: string;
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** One request as sent. `payload` is the exact body text/bytes; `mustReject`: it breaks the documented schema. */
interface Req {
  label: string;
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Raw query string appended as is (broken encodings, prototype keys). */
  rawQuery?: string;
  payload?: string | Buffer;
  contentType?: string;
  mustReject: boolean;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** FUZZ_RUNS overrides both counts (to explore, or to reproduce a full-mode failure quickly). */
const VALID_RUNS = Number(process.env.FUZZ_RUNS ?? scale(3, 1000));
const MALFORMED_RUNS = Number(process.env.FUZZ_RUNS ?? scale(3, 1000));
const MAX_STRING = 120;
/** Operations fuzzed at the same time (the non-destructive ones). */
const CONCURRENCY = 3;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let t: TestApp;
let ws: Workspace;
let records: Records;
let logoutSession: Session;
let doc: OpenApi;
let operations: Operation[] = [];
let errorBody: ValidateFunction;
let ids: Record<string, string> = {};
let allIds: string[] = [];

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats.default(ajv);
const coercing = new Ajv2020({ strict: false, coerceTypes: 'array', validateFormats: true });
addFormats.default(coercing);
const compiled = new Map<string, ValidateFunction>();
function validator(schema: Schema, coerce = false): ValidateFunction {
  const key = `${coerce ? 'c' : 's'}${JSON.stringify(schema)}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = (coerce ? coercing : ajv).compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

// ---------------------------------------------------------------- figures

const figures = {
  valid: 0,
  malformed: 0,
  fiveXx: 0,
  stackTraces: 0,
  schemaMismatches: 0,
  errorShape: 0,
  malformedAccepted: 0,
  generatorInvalid: 0,
};
const covered = new Set<string>();
const succeeded = new Set<string>();

// ---------------------------------------------------------------- schema → arbitrary

const asSchema = (x: unknown): Schema => (x && typeof x === 'object' ? (x as Schema) : {});
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
const cpLength = (s: string): number => [...s].length;

/** The seeded ids a field or parameter of this name most likely means. */
function idsNamed(name: string): string[] {
  const singular = name.replace(/Ids$/, 'Id').replace(/s$/, '');
  const aliases: Record<string, string[]> = {
    targetCaseId: ['otherCaseId'],
    fromCaseId: ['caseId'],
    linkedCaseId: ['otherCaseId'],
    leadId: ['userId'],
    memberId: ['userId'],
    assigneeId: ['userId', 'adminId'],
    agentId: ['userId'],
    ownerId: ['userId', 'adminId'],
    mention: ['userId', 'adminId'],
    reasonId: ['returnReasonId'],
    photoId: ['photoId'],
    endpointId: ['webhookId'],
  };
  const keys = [name, singular, ...(aliases[name] ?? []), ...(aliases[singular] ?? [])];
  const out = keys.map((k) => ids[k]).filter((x): x is string => typeof x === 'string');
  return [...new Set(out)];
}

function uuidArb(name: string): fc.Arbitrary<string> {
  const named = idsNamed(name);
  return fc.oneof(
    ...(named.length ? [{ weight: 6, arbitrary: fc.constantFrom(...named) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...allIds) },
    { weight: 2, arbitrary: fc.uuid() },
  );
}

const chinese = fc.string({
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
  maxLength: 40,
});

function plainString(min: number, max: number | undefined): fc.Arbitrary<string> {
  const cap = Math.min(max ?? MAX_STRING, min + MAX_STRING);
  const within = (s: string) => cpLength(s) >= min && (max === undefined || cpLength(s) <= max);
  const pieces: Array<fc.Arbitrary<string>> = [
    fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: cap }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: cap }),
    fc.string({ unit: 'binary', minLength: min, maxLength: cap }),
    chinese.map((s) => s.padEnd(min, '中')),
    fc.lorem({ maxCount: 8 }).map((s) => s.padEnd(min, 'x')),
  ];
  const boundary = [
    ...(max !== undefined && max > 0 ? ['x'.repeat(max), '中'.repeat(max)] : []),
    ...(min > 0 ? ['y'.repeat(min)] : ['']),
  ];
  return fc
    .oneof(...pieces, fc.constantFrom(...boundary))
    .map((s) =>
      within(s)
        ? s
        : [...s]
            .slice(0, max ?? MAX_STRING)
            .join('')
            .padEnd(min, 'z'),
    )
    .filter(within);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function stringArb(s: Schema, name: string): fc.Arbitrary<string> {
  const min = num(s.minLength) ?? 0;
  const max = num(s.maxLength);
  const ok = validator({ type: 'string', ...pick(s, ['format', 'pattern', 'minLength', 'maxLength']) });
  const check = (v: string) => ok(v) === true;
  const dates = fc.date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const anyDate = fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  switch (s.format) {
    case 'uuid':
      return uuidArb(name);
    case 'email':
      return fc
        .oneof(
          fc.emailAddress({ size: 'small' }),
          fc.constantFrom(`${randomUUID().slice(0, 8)}@example.com`, 'a@b.co', '客户@example.com'),
        )
        .filter(check);
    case 'date':
      return fc.oneof({ weight: 5, arbitrary: dates }, { weight: 1, arbitrary: anyDate }).map(isoDate);
    case 'date-time':
      return fc
        .tuple(fc.oneof({ weight: 5, arbitrary: dates }, { weight: 1, arbitrary: anyDate }), fc.boolean())
        .map(([d, offset]) =>
          offset
            ? new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00')
            : d.toISOString(),
        )
        .filter(check);
    case 'uri':
      return fc.webUrl().filter(check);
  }
  if (typeof s.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(s.pattern), { size: 'small' })
      .map((v) => (max !== undefined && cpLength(v) > max ? [...v].slice(0, max).join('') : v))
      .filter(check);
  }
  return plainString(min, max);
}

function pick(s: Schema, keys: string[]): Schema {
  const out: Schema = {};
  for (const k of keys) if (k in s) out[k] = s[k];
  return out;
}

function integerArb(s: Schema, name: string): fc.Arbitrary<number> {
  const min =
    num(s.minimum) ??
    (num(s.exclusiveMinimum) !== undefined
      ? Math.floor(num(s.exclusiveMinimum) as number) + 1
      : -Number.MAX_SAFE_INTEGER);
  const max =
    num(s.maximum) ??
    (num(s.exclusiveMaximum) !== undefined
      ? Math.ceil(num(s.exclusiveMaximum) as number) - 1
      : Number.MAX_SAFE_INTEGER);
  const smallLo = Math.max(min, -10);
  const smallHi = Math.min(max, Math.max(smallLo, 0) + 100);
  // Optimistic-concurrency versions of the seeded records are small: hit the current one often.
  const versions =
    name === 'version'
      ? [{ weight: 12, arbitrary: fc.integer({ min: Math.max(min, 0), max: Math.max(min, 0) + 4 }) }]
      : [];
  return fc.oneof(
    ...versions,
    { weight: 6, arbitrary: fc.integer({ min: smallLo, max: Math.max(smallLo, smallHi) }) },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

function numberArb(s: Schema): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? num(s.exclusiveMinimum);
  const max = num(s.maximum) ?? num(s.exclusiveMaximum);
  return fc.double({
    ...(min === undefined ? { min: -1e15 } : { min, minExcluded: s.exclusiveMinimum !== undefined }),
    ...(max === undefined ? { max: 1e15 } : { max, maxExcluded: s.exclusiveMaximum !== undefined }),
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type.filter((x): x is string => typeof x === 'string');
  if (typeof s.type === 'string') return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

/** A generator of values the schema accepts. `name` is the field's name, to pick a seeded id for uuid fields. */
function arbitrary(schema: unknown, name = ''): fc.Arbitrary<Json> {
  const s = asSchema(schema);
  if ('const' in s) return fc.constant(s.const as Json);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as Json[]));
  if (Array.isArray(s.anyOf)) return fc.oneof(...s.anyOf.map((x) => arbitrary(x, name)));
  if (Array.isArray(s.oneOf)) return fc.oneof(...s.oneOf.map((x) => arbitrary(x, name)));
  if (Array.isArray(s.allOf)) return arbitrary(mergeAll(s.allOf.map(asSchema)), name);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitrary({ ...s, type }, name)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArb(s, name);
    case 'number':
      return numberArb(s);
    case 'string':
      return stringArb(s, name);
    case 'array': {
      const minLength = num(s.minItems) ?? 0;
      const maxLength = Math.min(num(s.maxItems) ?? minLength + 4, minLength + 4);
      const items = arbitrary(s.items, name);
      return s.uniqueItems === true
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectArb(s);
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

function objectArb(s: Schema): fc.Arbitrary<Json> {
  const props = asSchema(s.properties) as Record<string, unknown>;
  const keys = Object.keys(props);
  const required = (Array.isArray(s.required) ? s.required : []).filter(
    (k): k is string => typeof k === 'string',
  );
  if (!keys.length) {
    if (s.additionalProperties === false) return fc.constant({});
    const values =
      s.additionalProperties && typeof s.additionalProperties === 'object'
        ? arbitrary(s.additionalProperties)
        : (fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, {
      maxKeys: 3,
    }) as fc.Arbitrary<Json>;
  }
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const k of keys) model[k] = arbitrary(props[k], k);
  return fc.record(model, { requiredKeys: required.filter((k) => keys.includes(k)) }) as fc.Arbitrary<Json>;
}

function mergeAll(parts: Schema[]): Schema {
  const out: Schema = {};
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of parts) {
    Object.assign(out, p);
    Object.assign(properties, asSchema(p.properties));
    if (Array.isArray(p.required))
      required.push(...p.required.filter((x): x is string => typeof x === 'string'));
  }
  delete out.allOf;
  return { ...out, properties, required };
}

// ---------------------------------------------------------------- malformed values

const HOSTILE: string[] = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfff\ud800y',
  '\u202egnp.exe',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̸̡̢̛͓̗̘̮̰̪̳̱̖̣͉͐͂̐̽͌͐̓̐̑a̵̭̻̓l̶̟̈g̸o',
  '\ufeff\u200b\u2028\u2029',
  "'; DROP TABLE cases; --",
  '%s%n%x{{constructor.constructor("return process")()}}',
  '<img src=x onerror=alert(1)>',
  '${7*7}\\u0000\\\\',
  '\r\n\r\nHTTP/1.1 200 OK\r\n',
  '𠜎𠜱𠝹𠱓',
];

/** Values of every JSON type; those that happen to fit the schema are filtered out by the caller's Ajv check. */
const WRONG_TYPES: Json[] = [0, -1, 1.5, 1e308, '', 'text', true, false, null, [], [1], {}, { a: 1 }];

function outOfRange(s: Schema, name: string): Json[] {
  const out: Json[] = [...WRONG_TYPES];
  const max = num(s.maxLength);
  const min = num(s.minLength);
  if (max !== undefined)
    out.push('x'.repeat(max + 1), '中'.repeat(max + 1), 'x'.repeat(Math.max(max * 4, 100_000)));
  else out.push('x'.repeat(200_000));
  if (min !== undefined && min > 0) out.push('x'.repeat(min - 1));
  if (num(s.maximum) !== undefined) out.push((num(s.maximum) as number) + 1, Number.MAX_SAFE_INTEGER * 4);
  if (num(s.minimum) !== undefined) out.push((num(s.minimum) as number) - 1, -Number.MAX_SAFE_INTEGER * 4);
  if (num(s.exclusiveMaximum) !== undefined) out.push(num(s.exclusiveMaximum) as number);
  if (num(s.exclusiveMinimum) !== undefined) out.push(num(s.exclusiveMinimum) as number);
  if (typesOf(s).includes('integer')) out.push(2.5, 1e21, -0.5);
  if (Array.isArray(s.enum)) out.push('not-in-the-enum', String(s.enum[0]).toUpperCase() + 'X');
  if (s.format === 'uuid' || name.endsWith('Id'))
    out.push('not-a-uuid', '00000000-0000-0000-0000-00000000000g', randomUUID() + 'x', '1');
  if (s.format === 'email')
    out.push('no-at-sign', 'a@', '@b.co', 'a@b@c.d', `${'x'.repeat(300)}@example.com`);
  if (s.format === 'date' || s.format === 'date-time')
    out.push('yesterday', '2026-02-30', '2026-13-01T00:00:00Z', '0000-00-00', '2026-01-01T25:61:61Z');
  if (typeof s.pattern === 'string') out.push('!!!', ' leading', 'UPPER lower', '../../etc/passwd');
  if (num(s.maxItems) !== undefined)
    out.push(Array.from({ length: (num(s.maxItems) as number) + 1 }, (_, i) => i));
  if (s.uniqueItems === true)
    out.push(
      ['a', 'a'],
      [randomUUID(), randomUUID()].flatMap((x) => [x, x]),
    );
  out.push(...HOSTILE);
  return out;
}

/** A place in a generated body that a mutation can touch. */
interface Slot {
  path: Array<string | number>;
  schema: Schema;
  /** The object at `path` (for missing-required and unknown-field mutations). */
  object: boolean;
}

function slotsOf(value: Json, schema: unknown, path: Array<string | number> = [], out: Slot[] = []): Slot[] {
  const s = resolveBranch(asSchema(schema), value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    out.push({ path, schema: s, object: true });
    const props = asSchema(s.properties);
    for (const [k, sub] of Object.entries(props)) {
      if (k in value) slotsOf(value[k] as Json, sub, [...path, k], out);
      else out.push({ path: [...path, k], schema: asSchema(sub), object: false });
    }
  } else if (Array.isArray(value)) {
    out.push({ path, schema: s, object: false });
    value.forEach((v, i) => slotsOf(v, s.items, [...path, i], out));
  } else {
    out.push({ path, schema: s, object: false });
  }
  return out;
}

/** The anyOf/oneOf branch a value was generated from (the first one that accepts it). */
function resolveBranch(s: Schema, value: Json): Schema {
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (!branches) return s;
  for (const b of branches) if (validator(asSchema(b))(value)) return asSchema(b);
  return asSchema(branches[0]);
}

function setAt(root: Json, path: Array<string | number>, value: Json | undefined): Json {
  if (!path.length) return value === undefined ? null : value;
  const copy = structuredClone(root);
  let node: Json = copy;
  for (const p of path.slice(0, -1)) node = (node as Record<string, Json>)[p as string] as Json;
  const last = path[path.length - 1] as string;
  const container = node as Record<string, Json>;
  if (value === undefined) delete container[last];
  else container[last] = value;
  return copy;
}

function getAt(root: Json, path: Array<string | number>): Json {
  let node: Json = root;
  for (const p of path) node = (node as Record<string, Json>)[p as string] as Json;
  return node;
}

/** Inserts a raw `"key": value` member into the object at `path` of a JSON text (for keys JSON.stringify drops). */
function withRawMember(body: Json, path: Array<string | number>, member: string): string {
  const marker = `__fuzz_marker_${randomUUID().replaceAll('-', '')}`;
  const marked = setAt(body, [...path, marker], 0);
  return JSON.stringify(marked).replace(`"${marker}":0`, member);
}

const PROTO_MEMBERS = [
  '"__proto__":{"isAdmin":true,"permissions":["*"]}',
  '"constructor":{"prototype":{"isAdmin":true}}',
  '"__proto__":null',
  '"prototype":{"polluted":1}',
];

const BAD_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '{"a":1,}',
  'NaN',
  '{"a":undefined}',
  '{"a":"\\x"}',
  '\u0000',
  '{"a":1}{"b":2}',
  '[',
  '{"a":"\ud800',
  '\xff\xfe{',
];

function nested(depth: number, kind: number): string {
  switch (kind) {
    case 0:
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 1:
      return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    default:
      return `{"x":${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}}`;
  }
}

// ---------------------------------------------------------------- requests

function pathParams(op: Operation): Parameter[] {
  return op.parameters.filter((p) => p.in === 'path');
}
function queryParams(op: Operation): Parameter[] {
  return op.parameters.filter((p) => p.in === 'query');
}

function pathArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of pathParams(op)) {
    const named = idsNamed(p.name);
    if (p.name === 'slug') model[p.name] = fc.constant(ws.slug);
    else if (named.length)
      model[p.name] = fc.oneof(
        { weight: 17, arbitrary: fc.constantFrom(...named) },
        { weight: 3, arbitrary: arbitrary(p.schema, p.name).map(String) },
      );
    else model[p.name] = arbitrary(p.schema, p.name).map(String);
  }
  return fc.record(model);
}

function queryValue(v: Json): string | string[] {
  const text = (x: Json) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : String(x));
  // An empty array would send nothing at all: send its JSON text instead.
  if (Array.isArray(v)) return v.length ? v.map(text) : '[]';
  return text(v);
}

function queryArb(op: Operation): fc.Arbitrary<Record<string, string | string[]>> {
  const model: Record<string, fc.Arbitrary<string | string[]>> = {};
  const required: string[] = [];
  for (const p of queryParams(op)) {
    model[p.name] = arbitrary(p.schema, p.name).map(queryValue);
    if (p.required) required.push(p.name);
  }
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, string | string[]>>;
}

function fileArb(op: Operation): fc.Arbitrary<{ content: Buffer; filename: string; type: string }> {
  if (op.path.endsWith('/import'))
    return fc
      .array(fc.array(fc.oneof(fc.string({ maxLength: 12 }), chinese), { minLength: 9, maxLength: 9 }), {
        maxLength: 4,
      })
      .map((rows) => ({
        content: Buffer.from(
          [
            'order_ref,customer_code,ordered_at,sku,edition_code,quantity,unit_price,currency,serial_numbers',
            ...rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')),
          ].join('\n'),
        ),
        filename: 'orders.csv',
        type: 'text/csv',
      }));
  return fc.oneof(
    fc.constant({ content: PNG_1PX, filename: 'photo.png', type: 'image/png' }),
    fc
      .tuple(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.constantFrom('notes.txt', '日志.log', 'a.csv'),
      )
      .map(([text, filename]) => ({ content: Buffer.from(text), filename, type: 'text/plain' })),
  );
}

function validArb(op: Operation): fc.Arbitrary<Req> {
  const body: fc.Arbitrary<Pick<Req, 'payload' | 'contentType'>> = op.multipart
    ? fileArb(op).map((f) => {
        const mp = multipartBody(f.content, { filename: f.filename, type: f.type });
        return { payload: mp.body, contentType: mp.contentType };
      })
    : op.body
      ? arbitrary(op.body).map((b) => ({ payload: JSON.stringify(b), contentType: 'application/json' }))
      : fc.constant({});
  return fc
    .record({ path: pathArb(op), query: queryArb(op), body })
    .map(({ path, query, body: b }) => ({ label: 'valid', path, query, ...b, mustReject: false }));
}

function invalidPath(op: Operation, value: string, name: string): boolean {
  const p = pathParams(op).find((x) => x.name === name);
  if (!p) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return true;
  }
  return !validator(p.schema, true)(decoded);
}

function invalidQuery(op: Operation, query: Record<string, string | string[]>): boolean {
  const params = queryParams(op);
  const schema: Schema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  return !validator(schema, true)(structuredClone(query));
}

function invalidBody(op: Operation, text: string): boolean {
  if (!op.body) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return true;
  }
  if (/"(__proto__|constructor)"\s*:/.test(text)) return true;
  return !validator(op.body)(parsed);
}

const PATH_JUNK = [
  'not-a-uuid',
  '0',
  '-1',
  "'%20OR%201=1--",
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  '%zz',
  '00000000-0000-0000-0000-00000000000g',
  '%E5%B7%A5%E5%8D%95',
  '%F0%9F%92%A9',
  'x'.repeat(99),
  'x'.repeat(5000),
  '__proto__',
  'constructor',
];

const QUERY_JUNK = [
  '__proto__[isAdmin]=1',
  'constructor[prototype][isAdmin]=1',
  '__proto__=1',
  'page=%zz',
  '%E0%A4%A=1',
  'a=%00',
  'q=%00',
  'q=a%00b',
  `q=${'x'.repeat(20_000)}`,
  'page=1&page=2&page=3',
  'pageSize=-1',
  'sort=name;drop%20table',
  `${'a'.repeat(500)}=1`,
  'q[$ne]=1',
];

const BAD_TYPES = [
  'application/x-www-form-urlencoded',
  'application/xml',
  'text/plain',
  'application/octet-stream',
];

function malformedArb(op: Operation): fc.Arbitrary<Req> {
  const hasBody = op.body !== null;
  const canHaveBody = op.method !== 'GET';
  return validArb(op).chain((base) => {
    const baseBody: Json =
      hasBody && typeof base.payload === 'string' ? (JSON.parse(base.payload) as Json) : null;
    const kinds: Array<fc.Arbitrary<Req>> = [];
    const mk = (label: string, patch: Partial<Req>, mustReject: boolean): Req => ({
      ...base,
      ...patch,
      label,
      mustReject,
    });
    // Path parameters: junk in one of them.
    const pps = pathParams(op);
    if (pps.length)
      kinds.push(
        fc
          .tuple(fc.constantFrom(...pps.map((p) => p.name)), fc.constantFrom(...PATH_JUNK))
          .map(([name, junk]) =>
            mk(
              `path ${name}=${junk.slice(0, 40)}`,
              { path: { ...base.path, [name]: junk } },
              invalidPath(op, junk, name),
            ),
          ),
      );
    // Query: a parameter out of its schema, or raw junk.
    const qps = queryParams(op);
    if (qps.length)
      kinds.push(
        fc
          .constantFrom(...qps)
          .chain((p) => fc.constantFrom(...outOfRange(p.schema, p.name)).map((v) => ({ name: p.name, v })))
          .map(({ name, v }) => {
            const query = { ...base.query, [name]: queryValue(v) };
            return mk(`query ${name}=${JSON.stringify(v).slice(0, 40)}`, { query }, invalidQuery(op, query));
          }),
      );
    kinds.push(
      fc
        .constantFrom(...QUERY_JUNK)
        .map((raw) => mk(`raw query ${raw.slice(0, 40)}`, { rawQuery: raw }, false)),
    );
    if (canHaveBody) {
      // Broken JSON text, nesting, size and content type apply to every route that reads a body.
      const reject = op.body !== null || op.method !== 'DELETE';
      kinds.push(
        fc
          .oneof(
            fc.constantFrom(...BAD_JSON),
            fc.nat().map((n) => {
              const text =
                typeof base.payload === 'string' && base.payload.length > 1 ? base.payload : '{"a":[1,2]}';
              return text.slice(0, 1 + (n % (text.length - 1)));
            }),
          )
          .filter((text) => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          })
          .map((text) =>
            mk(
              `bad json ${JSON.stringify(text.slice(0, 30))}`,
              { payload: text, contentType: 'application/json' },
              reject && !op.multipart,
            ),
          ),
      );
      kinds.push(
        fc.tuple(fc.integer({ min: 500, max: 160_000 }), fc.nat(2)).map(([depth, kind]) => {
          const text = nested(depth, kind);
          return mk(
            `nested ${depth} deep (${kind})`,
            { payload: text, contentType: 'application/json' },
            op.body !== null || text.length > 1_048_576,
          );
        }),
      );
      kinds.push(
        fc.constant(
          mk(
            'body over the size limit',
            { payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }), contentType: 'application/json' },
            true,
          ),
        ),
      );
      kinds.push(
        fc.constantFrom(...BAD_TYPES).map((type) => {
          const payload = typeof base.payload === 'string' ? base.payload : '{"a":1}';
          const refused = type !== 'text/plain' || op.body !== null;
          return mk(
            `content-type ${type}`,
            { payload, contentType: type },
            refused && !(op.multipart && type === 'text/plain' && false),
          );
        }),
      );
    }
    if (op.multipart) {
      kinds.push(
        fc
          .constantFrom(
            {
              payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
              contentType: 'multipart/form-data; boundary=x',
            },
            { payload: '', contentType: 'multipart/form-data; boundary=nothing' },
            { payload: 'garbage', contentType: 'multipart/form-data' },
            { payload: '{"file":"x"}', contentType: 'application/json' },
          )
          .map((p) =>
            mk(`broken multipart ${p.contentType}`, { payload: p.payload, contentType: p.contentType }, true),
          ),
      );
      kinds.push(
        fc
          .tuple(
            fc.constantFrom(
              '../../etc/passwd',
              'a\u0000.png',
              '\u202egnp.exe',
              `${'x'.repeat(2000)}.png`,
              '',
              '.png',
              'CON',
              '工单.png',
            ),
            fc.constantFrom('file', 'other', ''),
          )
          .map(([filename, field]) => {
            const m = multipartBody(PNG_1PX, { filename, field, type: 'image/png' });
            return mk(
              `multipart name=${JSON.stringify(filename.slice(0, 20))} field=${field}`,
              { payload: m.body, contentType: m.contentType },
              false,
            );
          }),
      );
    }
    if (hasBody && op.body) {
      const slots = slotsOf(baseBody, op.body);
      const objects = slots.filter((s) => s.object);
      const values = slots.filter((s) => s.path.length > 0);
      const send = (label: string, text: string) =>
        mk(label, { payload: text, contentType: 'application/json' }, invalidBody(op, text));
      kinds.push(
        fc
          .constantFrom(...['"str"', '123', 'null', '[]', 'true', '[{}]', '""'])
          .map((text) => send(`root ${text}`, text)),
      );
      if (values.length) {
        kinds.push(
          fc
            .constantFrom(...values)
            .chain((slot) =>
              fc
                .constantFrom(...outOfRange(slot.schema, String(slot.path[slot.path.length - 1])))
                .map((v) => ({ slot, v })),
            )
            .map(({ slot, v }) =>
              send(
                `${slot.path.join('.')} = ${JSON.stringify(v).slice(0, 40)}`,
                JSON.stringify(setAt(baseBody, slot.path, v)),
              ),
            ),
        );
        kinds.push(
          fc
            .tuple(fc.constantFrom(...values), fc.integer({ min: 100, max: 20_000 }), fc.nat(2))
            .map(([slot, depth, kind]) => {
              const marker = `__fuzz_deep_${randomUUID()}`;
              const text = JSON.stringify(setAt(baseBody, slot.path, marker)).replace(
                `"${marker}"`,
                nested(depth, kind),
              );
              return send(`${slot.path.join('.')} nested ${depth} deep`, text);
            }),
        );
      }
      if (objects.length) {
        kinds.push(
          fc
            .tuple(
              fc.constantFrom(...objects),
              fc.constantFrom(...PROTO_MEMBERS, '"zzUnknown":1', '"toString":"x"', '"hasOwnProperty":1'),
            )
            .map(([slot, member]) =>
              send(
                `${slot.path.join('.') || '(root)'} + ${member.slice(0, 30)}`,
                withRawMember(baseBody, slot.path, member),
              ),
            ),
        );
        const withRequired = objects.filter(
          (o) => Array.isArray(o.schema.required) && o.schema.required.length,
        );
        if (withRequired.length)
          kinds.push(
            fc
              .constantFrom(...withRequired)
              .chain((o) => fc.constantFrom(...(o.schema.required as string[])).map((k) => ({ o, k })))
              .map(({ o, k }) => {
                const obj = getAt(baseBody, o.path);
                const text = JSON.stringify(
                  obj && typeof obj === 'object' && k in obj
                    ? setAt(baseBody, [...o.path, k], undefined)
                    : baseBody,
                );
                return send(`missing ${[...o.path, k].join('.')}`, text);
              }),
          );
      }
    }
    return fc.oneof(...kinds);
  });
}

function urlOf(op: Operation, req: Req): string {
  const path = op.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const v = req.path[name] ?? '';
    return PATH_JUNK.includes(v) ? v : encodeURIComponent(v);
  });
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query))
    for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  const qs = [params.toString(), req.rawQuery ?? ''].filter(Boolean).join('&');
  return qs ? `${path}?${qs}` : path;
}

// ---------------------------------------------------------------- sending and checking

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

let addressSeq = 0;
async function send(op: Operation, req: Req): Promise<Reply> {
  const session =
    op.who === 'admin'
      ? ws.session
      : op.who === 'portal'
        ? records.portal.session
        : op.who === 'logout'
          ? logoutSession
          : null;
  addressSeq += 1;
  const headers: Record<string, string> = {
    ...(session ? { cookie: `ac_session=${session.cookie}`, 'x-csrf-token': session.csrf } : {}),
    ...(req.contentType ? { 'content-type': req.contentType } : {}),
  };
  const stream = op.path.endsWith('/stream');
  if (stream) headers.accept = 'text/event-stream';
  const res = await t.app.inject({
    method: op.method,
    url: urlOf(op, req),
    remoteAddress: `10.${(addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`,
    headers,
    ...(req.payload === undefined ? {} : { payload: req.payload }),
    ...(stream ? { payloadAsStream: true } : {}),
  });
  const contentType = String(res.headers['content-type'] ?? '');
  if (stream) {
    const body = res.stream();
    let text = '';
    if (res.statusCode === 200) {
      // Live stream: read its first event, then hang up as a browser tab would.
      for await (const chunk of body) {
        text += String(chunk);
        if (text.includes('event: unread')) break;
      }
      (res.raw.res.req as { destroy(): void }).destroy();
    } else for await (const chunk of body) text += String(chunk);
    return { status: res.statusCode, contentType, text };
  }
  return { status: res.statusCode, contentType, text: res.body };
}

const STACK = [
  /\n\s*at \S.*:\d+:\d+/,
  /\bat (?:async )?[\w.<>$]+ \(.*:\d+:\d+\)/,
  /node_modules/,
  /(?:\/|\\)(?:src|dist)(?:\/|\\)[\w./\\-]+\.(?:ts|js|mjs|cjs):\d+/,
  /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|AggregateError|SqliteError|DatabaseError)\b: /,
  /\bError: (?:SQLITE_|ECONN|ENOENT|EACCES|Cannot read|Unexpected token|duplicate key|invalid input syntax)/,
];

interface Problem {
  kind: '5xx' | 'stack' | 'schema' | 'error-shape' | 'accepted' | 'generator';
  request: string;
  status: number;
  detail: string;
}

function sample(text: string, n = 600): string {
  return text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text;
}

function describeReq(op: Operation, req: Req): string {
  const payload =
    req.payload === undefined
      ? ''
      : Buffer.isBuffer(req.payload)
        ? ` <${req.payload.length} bytes ${req.contentType}>`
        : ` ${req.contentType ?? ''} ${sample(req.payload, 400)}`;
  return `[${req.label}] ${op.method} ${sample(urlOf(op, req), 300)}${payload}`;
}

function check(op: Operation, req: Req, reply: Reply, problems: Problem[]): void {
  const where = describeReq(op, req);
  const add = (kind: Problem['kind'], detail: string) =>
    problems.push({ kind, request: where, status: reply.status, detail: sample(detail) });
  const { status, text } = reply;
  if (status >= 500) {
    figures.fiveXx += 1;
    add('5xx', text);
  }
  const sent = typeof req.payload === 'string' ? req.payload : '';
  const echoed = (m: RegExpMatchArray) => sent.includes(m[0]) || urlOf(op, req).includes(m[0]);
  for (const re of STACK) {
    const m = text.match(re);
    if (m && !echoed(m)) {
      figures.stackTraces += 1;
      add('stack', `${re}: ${text}`);
      break;
    }
  }
  const json = reply.contentType.includes('json');
  let body: unknown;
  if (json) {
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = Symbol('unparsable');
    }
  }
  if (status >= 200 && status < 300) {
    succeeded.add(op.key);
    if (req.mustReject) {
      figures.malformedAccepted += 1;
      add('accepted', `a request that breaks the schema was answered ${status}: ${text}`);
    }
    const documented = Object.keys(op.responses).filter((s) => s.startsWith('2'));
    if (!documented.length) return; // downloads and exports: no JSON schema to check
    if (!documented.includes(String(status))) {
      figures.schemaMismatches += 1;
      add('schema', `status ${status} is not documented (documented: ${documented.join(', ')})`);
      return;
    }
    const schema = op.responses[String(status)];
    if (!schema) return;
    const validate = validator(schema);
    if (!json || typeof body === 'symbol' || !validate(body)) {
      figures.schemaMismatches += 1;
      add('schema', `${JSON.stringify(validate.errors?.slice(0, 3) ?? 'not JSON')} in ${text}`);
    }
    return;
  }
  if (status >= 400 && status < 500) {
    if (!json || !errorBody(body)) {
      figures.errorShape += 1;
      add('error-shape', `${JSON.stringify(errorBody.errors?.slice(0, 2) ?? reply.contentType)} in ${text}`);
    }
    return;
  }
  if (req.mustReject && status < 400) {
    figures.malformedAccepted += 1;
    add('accepted', `a request that breaks the schema was answered ${status}: ${text}`);
  }
}

// ---------------------------------------------------------------- the document

function inlineRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inlineRefs);
  if (value && typeof value === 'object') {
    const o = value as Schema;
    if (typeof o.$ref === 'string') {
      const name = o.$ref.replace('#/components/schemas/', '');
      return inlineRefs(doc.components.schemas[name]);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inlineRefs(v)]));
  }
  return value;
}

function orderOf(method: Method, path: string): number {
  if (path === '/api/auth/logout') return 5;
  if (method === 'PATCH' && path === '/api/workspace') return 4;
  if (method === 'PATCH' && path === '/api/auth/me') return 3;
  if (method === 'DELETE') return 2;
  if (path.endsWith('/merge')) return 1;
  return 0;
}

function readOperations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(methods)) {
      const method = m.toUpperCase() as Method;
      const o = inlineRefs(raw) as OperationObject;
      const route = t.app.routeTable.find(
        (r) => r.method === method && r.url.replace(/:([A-Za-z]+)/g, '{$1}') === path,
      );
      if (!route) throw new Error(`${method} ${path} is documented but has no route`);
      const kind = route.access.kind;
      const who: Operation['who'] =
        path === '/api/auth/logout'
          ? 'logout'
          : kind === 'contact'
            ? 'portal'
            : kind === 'public'
              ? 'anonymous'
              : 'admin';
      const responses: Record<string, Schema | null> = {};
      for (const [status, r] of Object.entries(o.responses))
        responses[status] = r.content?.['application/json']?.schema ?? null;
      const text = `${o.summary ?? ''} ${o.description ?? ''}`;
      ops.push({
        key: `${method} ${path}`,
        method,
        path,
        parameters: o.parameters ?? [],
        body: o.requestBody?.content?.['application/json']?.schema ?? null,
        multipart: method === 'POST' && !o.requestBody && /multipart/i.test(text),
        responses,
        who,
        order: orderOf(method, path),
      });
    }
  }
  return ops.sort((a, b) => a.order - b.order);
}

function seedOf(key: string): number {
  let h = SEED >>> 0;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h | 0;
}

// ---------------------------------------------------------------- the suite

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t.app);
  records = await populate(t.app, ws);
  const login = await new Client(t.app)
    .from('10.254.0.1')
    .post('/api/auth/login', { email: ws.email, password: PASSWORD });
  if (login.status !== 200)
    throw new Error(`second admin session: ${login.status} ${JSON.stringify(login.body)}`);
  logoutSession = sessionFrom(login);
  ids = Object.fromEntries(
    Object.entries(records).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && UUID_RE.test(e[1]),
    ),
  );
  ids.adminId = ws.me.id;
  allIds = [...new Set(Object.values(ids))];
  const res = await new Client(t.app).get<OpenApi>('/api/docs/json');
  expect(res.status).toBe(200);
  doc = res.body;
  errorBody = ajv.compile(doc.components.schemas['def-0'] as Schema);
  operations = readOperations();
}, 300_000);
afterAll(() => t?.close());

describe('schema fuzzing from the OpenAPI document', () => {
  it('reads every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(200);
  });

  // One test per operation, in the order above (destructive ones last). The list is only known once the app is
  // up, so the tests iterate inside; each operation's problems fail its own assertion with its seed.
  it('answers every operation without 5xx, stack traces or schema mismatches', async () => {
    const failures: string[] = [];
    const timings: Array<[string, number]> = [];
    const fuzz = async (op: Operation) => {
      const problems: Problem[] = [];
      const seed = seedOf(op.key);
      const began = performance.now();
      let valid = 0;
      let malformed = 0;
      await fc.assert(
        fc.asyncProperty(validArb(op), async (req) => {
          if (op.body && typeof req.payload === 'string' && !validator(op.body)(JSON.parse(req.payload))) {
            figures.generatorInvalid += 1;
            problems.push({
              kind: 'generator',
              request: describeReq(op, req),
              status: 0,
              detail: JSON.stringify(validator(op.body).errors),
            });
          }
          valid += 1;
          check(op, req, await send(op, req), problems);
        }),
        { seed, numRuns: VALID_RUNS, endOnFailure: true },
      );
      await fc.assert(
        fc.asyncProperty(malformedArb(op), async (req) => {
          malformed += 1;
          check(op, req, await send(op, req), problems);
        }),
        { seed: seed ^ 0x5bd1e995, numRuns: MALFORMED_RUNS, endOnFailure: true },
      );
      timings.push([op.key, performance.now() - began]);
      figures.valid += valid;
      figures.malformed += malformed;
      if (valid >= VALID_RUNS && malformed >= MALFORMED_RUNS) covered.add(op.key);
      if (problems.length) {
        const kinds = [...new Set(problems.map((p) => p.kind))].join(', ');
        failures.push(
          `${op.key} (seed ${seed}): ${problems.length} problem(s): ${kinds}\n` +
            [...new Set(problems.map((p) => p.kind))]
              .flatMap((kind) => problems.filter((p) => p.kind === kind).slice(0, 2))
              .map((p) => `  ${p.kind} ${p.status} ${p.request}\n    → ${p.detail}`)
              .join('\n'),
        );
      }
    };
    // Operations that leave the seeded data usable run a few at a time (the database serialises what it must);
    // the destructive ones run alone, in order, at the end.
    const queue = operations.filter((op) => op.order === 0);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let op = queue.shift(); op; op = queue.shift()) await fuzz(op);
      }),
    );
    for (const op of operations.filter((o) => o.order > 0)) await fuzz(op);
    if (failures.length) console.log(failures.join('\n\n'));
    const slowest = timings.sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `fuzz: slowest operations: ${slowest.map(([k, ms]) => `${k} ${Math.round(ms)} ms`).join(', ')}`,
    );
    const neverOk = operations.filter((op) => !succeeded.has(op.key)).map((op) => op.key);
    console.log(
      `fuzz: ${operations.length} operations, ${operations.length - neverOk.length} answered 2xx at least once; never: ${neverOk.join(', ')}`,
    );

    const n = operations.length;
    record({
      suite: 'fuzz',
      name: 'operations of the OpenAPI document fuzzed with valid and malformed requests',
      value: covered.size,
      unit: 'operations',
      target: `every operation in the OpenAPI document (${n})`,
      pass: covered.size === n,
      note: `${n - neverOk.length} of them answered 2xx at least once`,
    });
    record({
      suite: 'fuzz',
      name: 'valid requests sent (generated from the request schemas)',
      value: figures.valid,
      unit: 'requests',
      target: `≥ ${VALID_RUNS} per operation${FULL ? '' : ' (quick mode; full mode ≥ 1,000)'}`,
      pass: figures.valid >= VALID_RUNS * n,
    });
    record({
      suite: 'fuzz',
      name: 'malformed requests sent',
      value: figures.malformed,
      unit: 'requests',
      target: `≥ ${MALFORMED_RUNS} per operation${FULL ? '' : ' (quick mode; full mode ≥ 1,000)'}`,
      pass: figures.malformed >= MALFORMED_RUNS * n,
    });
    record({
      suite: 'fuzz',
      name: '5xx replies',
      value: figures.fiveXx,
      unit: 'replies',
      target: '0',
      pass: figures.fiveXx === 0,
    });
    record({
      suite: 'fuzz',
      name: 'stack traces in a reply body',
      value: figures.stackTraces,
      unit: 'replies',
      target: '0',
      pass: figures.stackTraces === 0,
    });
    record({
      suite: 'fuzz',
      name: '2xx replies not matching the documented response schema',
      value: figures.schemaMismatches,
      unit: 'replies',
      target: '0',
      pass: figures.schemaMismatches === 0,
    });
    record({
      suite: 'fuzz',
      name: '4xx replies not in the one error shape',
      value: figures.errorShape,
      unit: 'replies',
      target: '0',
      pass: figures.errorShape === 0,
    });
    record({
      suite: 'fuzz',
      name: 'malformed requests (breaking the schema) not refused with a 4xx',
      value: figures.malformedAccepted,
      unit: 'requests',
      target: '0',
      pass: figures.malformedAccepted === 0,
    });
    expect(covered.size).toBe(n);
    expect(figures.valid).toBeGreaterThanOrEqual(VALID_RUNS * n);
    expect(figures.malformed).toBeGreaterThanOrEqual(MALFORMED_RUNS * n);
    expect(
      figures.generatorInvalid,
      'the valid-request generator produced a request its schema refuses',
    ).toBe(0);
    expect(figures.fiveXx).toBe(0);
    expect(figures.stackTraces).toBe(0);
    expect(figures.schemaMismatches).toBe(0);
    expect(figures.errorShape).toBe(0);
    expect(figures.malformedAccepted).toBe(0);
    expect(failures).toEqual([]);
  });
});
