import type { SearchDocument } from '../db/fulltext.js';
import { words } from './segment.js';

/** What a case's search document is made of. */
export interface CaseText {
  number: string;
  subject: string;
  customerName: string;
  contactName: string | null;
  messages: { text: string; visibility: string }[];
}

/**
 * A case's document, cut into words: staff search sees the number, subject, customer, contact and every
 * message; portal search the same without internal notes.
 */
export function caseDocument(c: CaseText): SearchDocument {
  const head = [c.number, c.subject, c.customerName, c.contactName ?? ''];
  const publicTexts = c.messages.filter((m) => m.visibility === 'public').map((m) => m.text);
  return {
    staff: words([...head, ...c.messages.map((m) => m.text)].join('\n')),
    public: words([...head, ...publicTexts].join('\n')),
  };
}
