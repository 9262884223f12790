import Mustache from 'mustache';
import { MacroVariables, type FieldError, type Locale } from '@aftercare/contracts';
import { fieldError } from '../../platform/http/errors.js';
import { dateTimeFormat } from '../../platform/intl.js';

const KNOWN = new Set<string>(MacroVariables);

/** The values a macro body may use, by variable name (`customer.name` …). */
export type MacroValues = Record<(typeof MacroVariables)[number], string>;

/**
 * Checks a macro body: only plain `{{variable}}` tags of known variables (no sections, partials, triple
 * braces or changed delimiters), so an admin learns about a typo when saving rather than a customer reading
 * an empty gap.
 */
export function templateErrors(template: string, field: string): FieldError[] {
  let spans: Mustache.TemplateSpans;
  try {
    spans = Mustache.parse(template);
  } catch {
    return [fieldError(field, 'macro_syntax')];
  }
  for (const span of spans) {
    const [type, value] = span;
    if (type === 'text') continue;
    if (type !== 'name') return [fieldError(field, 'macro_syntax')];
    if (!KNOWN.has(value)) return [fieldError(field, 'unknown_variable')];
  }
  return [];
}

/** Nested view for mustache: { customer: { name } … } from flat dotted names. */
function viewOf(values: MacroValues): Record<string, Record<string, string>> {
  const view: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(values)) {
    const [head, tail] = key.split('.') as [string, string];
    view[head] = { ...(view[head] ?? {}), [tail]: value };
  }
  return view;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/**
 * A macro body rendered twice: as plain text for the reply editor (the server escapes plain text when the reply
 * is sent), and as an HTML fragment in which the body's own text and every value are HTML-escaped.
 */
export function renderMacro(template: string, values: MacroValues): { text: string; html: string } {
  const view = viewOf(values);
  const text = Mustache.render(template, view, {}, { escape: (v: unknown) => String(v) });
  const html = Mustache.render(
    escapeHtml(template),
    view,
    {},
    { escape: (v: unknown) => escapeHtml(String(v)) },
  )
    .split(/\r?\n/)
    .join('<br>');
  return { text, html };
}

/** "11月24日周二 10:30" / "Tue 24 Nov, 10:30", in the workspace's time zone. */
export function formatInstant(iso: string | null, locale: Locale, timeZone: string): string {
  if (!iso) return '';
  const fmt = dateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    weekday: 'short',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return fmt.format(new Date(iso));
}
