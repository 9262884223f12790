import type {
  Case,
  CaseDetail,
  CaseMessage,
  CaseSla,
  Commitment,
  PortalCase,
  PortalCaseDetail,
} from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { CaseMessageRecord, CaseRecord } from './cases.repository.js';

/** What a staff member may do next with the case. */
export function caseActions(c: CaseRecord, principal: Principal | null): string[] {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('cases.write');
  if (!canWrite || c.status === 'closed') return [];
  const actions = ['update', 'reply', 'note', 'assign'];
  if (c.status === 'solved') actions.push('close', 'reopen');
  else actions.push('solve');
  return actions;
}

export function presentCase(c: CaseRecord, principal: Principal | null, sla: CaseSla | null = null): Case {
  return { ...c, sla, actions: caseActions(c, principal) };
}

export function presentMessage(m: CaseMessageRecord): CaseMessage {
  return {
    id: m.id,
    visibility: m.visibility,
    authorType: m.authorType,
    authorName: m.authorName,
    bodyHtml: m.bodyHtml,
    bodyText: m.bodyText,
    createdAt: m.createdAt,
  };
}

export function presentCaseDetail(
  c: CaseRecord,
  messages: CaseMessageRecord[],
  principal: Principal | null,
  sla: CaseSla | null = null,
): CaseDetail {
  return { ...presentCase(c, principal, sla), messages: messages.map(presentMessage) };
}

/*
 * Portal presenters copy the fields a customer may see, one by one: no assignee, pause reason, deadlines,
 * version or actions, and never an internal note (the caller passes public messages only; checked again here).
 */

export function presentPortalCase(c: CaseRecord, commitment: Commitment | null = null): PortalCase {
  return {
    id: c.id,
    number: c.number,
    subject: c.subject,
    type: c.type,
    severity: c.severity,
    status: c.status,
    contactName: c.contactName,
    commitment,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function presentPortalCaseDetail(
  c: CaseRecord,
  messages: CaseMessageRecord[],
  commitment: Commitment | null = null,
): PortalCaseDetail {
  return {
    ...presentPortalCase(c, commitment),
    messages: messages
      .filter((m) => m.visibility === 'public')
      .map((m) => ({
        id: m.id,
        authorType: m.authorType,
        authorName: m.authorName,
        bodyHtml: m.bodyHtml,
        bodyText: m.bodyText,
        createdAt: m.createdAt,
      })),
  };
}
