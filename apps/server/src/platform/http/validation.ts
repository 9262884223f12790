import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import fastJsonStringify, { type Schema } from 'fast-json-stringify';

/**
 * Bodies are validated strictly: no type coercion, unknown fields refused (schemas say additionalProperties:
 * false). Query strings and path parameters arrive as text, so they are coerced to the schema's types.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

/** A validator as Fastify calls it: true or false, with the errors of the last call on `.errors`. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validators are compiled on a route's first request, not at start-up (a few hundred schemas would cost seconds
 * before the server is ready). With `eager` (tests) they are compiled at once, so a broken schema fails there.
 */
export function validatorCompiler(options: { eager: boolean }): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const compile = (): ValidateFunction => ajv.compile(schema as object);
    if (options.eager) return compile();
    let fn: ValidateFunction | undefined;
    const lazy: Validator = (data) => {
      fn ??= compile();
      const ok = fn(data) as boolean;
      lazy.errors = fn.errors ?? null;
      return ok;
    };
    return lazy;
  };
}

/**
 * Response serializers (fast-json-stringify, as Fastify's own), compiled on first use for the same reason.
 * `shared` gives the schemas added with app.addSchema, which responses may reference.
 */
export function serializerCompiler(
  shared: () => Record<string, unknown>,
  options: { eager: boolean },
): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    const compile = () => {
      const external = { ...shared() };
      const id = (schema as { $id?: string }).$id;
      if (id) delete external[id];
      return fastJsonStringify(schema as Schema, { schema: external as Record<string, Schema> });
    };
    if (options.eager) return compile();
    let fn: ((data: unknown) => string) | undefined;
    return (data: unknown) => (fn ??= compile())(data);
  };
}

/**
 * The first place in a parsed body, query string or path where a text holds U+0000, as a field path like the
 * validator's (`lines/0/note`), or null. PostgreSQL text cannot store that character at all and no person types
 * it, so requests carrying one are refused on both databases alike instead of failing in the database.
 * Walks with its own stack: a body may nest far deeper than the call stack goes.
 */
export function nulCharacterAt(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, path] = next;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i] as [string, unknown];
        const at = path ? `${path}/${key}` : key;
        if (key.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}
