import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/**
 * Word segmentation for search. Chinese has no spaces between words, so text is cut into words with jieba
 * (search mode: long words also yield their shorter parts, so 售后服务 matches 售后 and 服务) when it is written
 * and again when it is queried; both sides then meet in an ordinary word index (SQLite FTS5, PostgreSQL
 * tsvector with the 'simple' configuration). Latin words are lower-cased; punctuation is dropped.
 *
 * The dictionary is loaded once, on first use (about 100 ms), not at start-up.
 */

// @node-rs/jieba is CommonJS; its dictionary lives in a subpath export.
const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;
function instance(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as {
      Jieba: { withDict(dict: Uint8Array): Jieba };
    };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
/** Letters and digits of any script, plus the joiners that belong inside codes like T-1024 or SN_88. */
const WORD = /[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu;

/**
 * The longest word indexed, in characters. Nobody searches for a longer run of letters, and PostgreSQL refuses a
 * tsvector word over 2,046 bytes: a longer one (a pasted blob, a key) is left out of the index, its code parts
 * ("t-1024" → "1024") still in. The text itself is stored whole.
 */
export const MAX_WORD_LENGTH = 100;

/** The words of a text, in order, duplicates removed, lower-cased. */
export function words(text: string): string[] {
  const out = new Set<string>();
  const add = (word: string) => {
    if (word && word.length <= MAX_WORD_LENGTH) out.add(word);
  };
  for (const match of text.normalize('NFKC').matchAll(WORD)) {
    const chunk = match[0];
    if (HAN.test(chunk)) {
      for (const w of instance().cutForSearch(chunk, true)) add(w.trim().toLowerCase());
    } else {
      const word = chunk.toLowerCase();
      add(word);
      // Codes are also found by their parts: "t-1024" by "1024".
      if (/[._-]/.test(word)) for (const part of word.split(/[._-]/)) add(part);
    }
  }
  return [...out];
}

/** What is stored in the index column: the words joined by spaces. */
export function segmentForIndex(text: string): string {
  return words(text).join(' ');
}

/**
 * The words of a query, for matching every word (AND). Words are quoted for FTS5 by the caller's dialect
 * helper; here they are only cut and cleaned.
 */
export function segmentQuery(q: string): string[] {
  return words(q).slice(0, 16);
}
