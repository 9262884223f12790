import type {
  Case,
  CaseDetail,
  CaseDiscipline,
  CaseMessage,
  CaseSla,
  Commitment,
  PortalCase,
  PortalCaseDetail,
} from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { CaseMessageRecord, CaseRecord } from './cases.repository.js';
import type { DisciplineRecords } from './discipline.repository.js';

/** The discipline of a case, the same for staff and the portal: names and times, no internal ids. */
export function presentDiscipline(
  d: DisciplineRecords,
): Omit<CaseDiscipline, 'links' | 'checkpoints' | 'summarySchedule' | 'planVersion'> {
  return {
    agreement: d.agreement && {
      id: d.agreement.id,
      text: d.agreement.text,
      proposedBy: d.agreement.proposedBy,
      proposedAt: d.agreement.proposedAt,
      confirmedAt: d.agreement.confirmedAt,
      confirmedBy: d.agreement.confirmedBy,
    },
    summaries: d.summaries.map((s) => ({
      id: s.id,
      problem: s.problem,
      doneSoFar: s.doneSoFar,
      difficulties: s.difficulties,
      nextSteps: s.nextSteps,
      authorName: s.authorName,
      createdAt: s.createdAt,
    })),
    plan: d.plan.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      expectedResult: s.expectedResult,
      doneAt: s.doneAt,
      doneBy: s.doneBy,
    })),
    closingSummary: d.closingSummary && {
      cause: d.closingSummary.cause,
      fix: d.closingSummary.fix,
      customerNotes: d.closingSummary.customerNotes,
      authorName: d.closingSummary.authorName,
      createdAt: d.closingSummary.createdAt,
    },
  };
}

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
  sla: CaseSla | null,
  discipline: CaseDiscipline,
): CaseDetail {
  return { ...presentCase(c, principal, sla), messages: messages.map(presentMessage), discipline };
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
  commitment: Commitment | null,
  discipline: CaseDiscipline,
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
    discipline,
  };
}
