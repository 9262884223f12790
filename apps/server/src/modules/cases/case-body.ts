import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';

// sanitize-html (with postcss) is a sixth of the server's start-up; it loads with the first message instead.
const require = createRequire(import.meta.url);
let loaded: typeof SanitizeHtml | undefined;
function sanitizeHtml(dirty: string, options: SanitizeHtml.IOptions): string {
  loaded ??= require('sanitize-html') as typeof SanitizeHtml;
  return loaded(dirty, options);
}

/** Markup a message may keep: basic formatting, lists, quotes, code and links. No images, styles or scripts. */
const HTML_OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'div',
    'span',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'strike',
    'del',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'h1',
    'h2',
    'h3',
    'h4',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Disallowed tags whose content is dropped with them. sanitize-html passes the raw text of <xmp> (and
  // <textarea>) through unescaped, so `<xmp><img src=x onerror=…></xmp>` would come out as a live <img>:
  // their content must go too (found by reliability/xss.rel.ts).
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'xmp',
    'noscript',
    'noembed',
    'noframes',
    'plaintext',
  ],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href ? { href: attribs.href } : {}),
        ...(attribs.title ? { title: attribs.title } : {}),
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      },
    }),
  },
};

/** Message HTML stored before the current rules, through them again (migration 0021). */
export function resanitizeHtml(html: string): string {
  return sanitizeHtml(html, HTML_OPTIONS).trim();
}

const TEXT_OPTIONS: SanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

export interface MessageBody {
  html: string;
  text: string;
}

/**
 * A message as stored: sanitised HTML to render and its plain text (search, notifications). HTML input keeps
 * basic formatting and safe links only; plain text is escaped and its line breaks become <br>.
 */
export function messageBody(input: string): MessageBody {
  const html = LOOKS_LIKE_HTML.test(input)
    ? sanitizeHtml(input, HTML_OPTIONS).trim()
    : escapeHtml(input.trim()).replace(/\r?\n/g, '<br>');
  return { html, text: textOf(html) };
}

/** The text of sanitised HTML: tags removed, line breaks kept, entities decoded. */
export function textOf(html: string): string {
  const broken = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<(p|div|li|h[1-6]|blockquote|pre|tr|ul|ol|table|hr)\b/gi, '\n$&')
    .replace(/<\/(p|div|li|h[1-6]|blockquote|pre|tr)>/gi, '$&\n');
  return decodeEntities(sanitizeHtml(broken, TEXT_OPTIONS))
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return safeChar(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeChar(parseInt(name.slice(1), 10), whole);
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
