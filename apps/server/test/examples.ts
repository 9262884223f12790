import { randomUUID } from 'node:crypto';

type Schema = Record<string, unknown>;

/**
 * A minimal valid value for a JSON schema (TypeBox output): required properties only, formats honoured.
 * Used to send well-formed requests to every route, so that a test reaches the handler and not the validator.
 */
export function exampleOf(schema: unknown, overrides: Record<string, unknown> = {}): unknown {
  const s = (schema ?? {}) as Schema;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.anyOf)) {
    const nonNull = (s.anyOf as Schema[]).find((x) => x.type !== 'null');
    return exampleOf(nonNull ?? s.anyOf[0], overrides);
  }
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(props)) {
        if (key in overrides) out[key] = overrides[key];
        else if (required.has(key)) out[key] = exampleOf(prop, overrides);
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: n }, () => exampleOf(s.items, overrides));
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
    case 'boolean':
      return false;
    case 'string':
      return exampleString(s);
    default:
      return null;
  }
}

function exampleString(s: Schema): string {
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2027-01-15T08:00:00.000Z';
    case 'email':
      return `example${randomUUID().slice(0, 6)}@example.com`;
  }
  if (typeof s.pattern === 'string') {
    if (s.pattern.includes('[A-Z]{3}')) return 'CNY';
    if (s.pattern.includes('a-z0-9')) return `x${randomUUID().slice(0, 6)}`;
    return `X${randomUUID().slice(0, 6)}`;
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 1;
  return 'example-value-abcdefghijklmnopqrstuvwxyz-0123456789'.slice(0, Math.max(min, 12));
}
