import { DefaultNotificationPreferences, type Locale, type NotificationEvent } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { EventHandler, OutboxEvent } from '../../platform/events/dispatcher.js';
import { live } from '../../platform/events/live.js';
import { newId } from '../../platform/ids.js';
import { renderNotificationMail } from './notifications.messages.js';
import { NotificationsRepository, type CaseFacts, type ReturnFacts } from './notifications.repository.js';

/** Who is told what about one outbox event. */
interface Plan {
  event: NotificationEvent;
  key: string;
  caseId: string | null;
  /** The console page the notification opens. */
  path: string;
  params: Record<string, string>;
  recipients: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

type Planner = (
  repo: NotificationsRepository,
  p: Record<string, unknown>,
  c: CaseFacts,
) => Promise<Omit<Plan, 'caseId' | 'path'> | null>;

/** The case's assignee, or the people of its team when nobody has it. */
async function owners(repo: NotificationsRepository, c: CaseFacts): Promise<string[]> {
  if (c.assigneeId) return [c.assigneeId];
  return c.teamId ? repo.teamPeople(c.teamId) : [];
}

const assigned: Planner = async (_repo, p) => {
  const to = str(p.assigneeTo);
  if (!to || to === str(p.actorId)) return null;
  return { event: 'case_assigned', key: 'case_assigned', params: {}, recipients: [to] };
};

/** Outbox event types and how each becomes notifications. */
const PLANNERS: Record<string, Planner> = {
  'case.created': assigned,
  'case.updated': assigned,
  'case.message_added': async (repo, p, c) =>
    p.authorType === 'contact'
      ? { event: 'customer_replied', key: 'customer_replied', params: {}, recipients: await owners(repo, c) }
      : null,
  'sla.warning': async (_repo, p, c) => ({
    event: 'sla_warning',
    key: 'sla_warning',
    params: { kind: str(p.kind) ?? '' },
    recipients: c.assigneeId ? [c.assigneeId] : [],
  }),
  'sla.breached': async (_repo, p, c) => ({
    event: 'sla_breached',
    key: 'sla_breached',
    params: { kind: str(p.kind) ?? '' },
    recipients: [...(c.assigneeId ? [c.assigneeId] : []), ...strs(p.escalateTo)],
  }),
  'case.mentioned': async (repo, p) => {
    const userId = str(p.userId);
    const by = str(p.mentionedById);
    if (!userId || userId === by) return null;
    return {
      event: 'mentioned',
      key: 'mentioned',
      params: { by: (by && (await repo.userName(by))) || '—' },
      recipients: [userId],
    };
  },
  'checkpoint.due_soon': async (_repo, p, c) => ({
    event: 'checkpoint_due',
    key: 'checkpoint_due_soon',
    params: { title: str(p.title) ?? '' },
    recipients: c.assigneeId ? [c.assigneeId] : [],
  }),
  'checkpoint.missed': async (_repo, p, c) => ({
    event: 'checkpoint_due',
    key: 'checkpoint_missed',
    params: { title: str(p.title) ?? '' },
    recipients: c.assigneeId ? [c.assigneeId] : [],
  }),
  'summary.due': async (_repo, _p, c) => ({
    event: 'summary_due',
    key: 'summary_due',
    params: {},
    recipients: c.assigneeId ? [c.assigneeId] : [],
  }),
};

type ReturnPlanner = (
  repo: NotificationsRepository,
  p: Record<string, unknown>,
  r: ReturnFacts,
) => Promise<Omit<Plan, 'caseId' | 'path'> | null>;

/** Reviewers of the departments that must judge now: the return arrived, came back with information, or was appealed. */
const reviewWaiting =
  (key: string): ReturnPlanner =>
  async (repo, p, r) => {
    const departments = p.infoProvided === true ? strs(p.departmentIds) : r.departmentIds;
    return {
      event: 'return_review_waiting',
      key,
      params: {},
      recipients: await repo.departmentPeople(departments, false),
    };
  };

/** Outbox events of returns and how each becomes notifications of staff. */
const RETURN_PLANNERS: Record<string, ReturnPlanner> = {
  'return.created': reviewWaiting('return_review_waiting'),
  'return.appealed': reviewWaiting('return_appealed'),
  'return.reviewed': async (repo, p, r) =>
    p.infoProvided === true ? reviewWaiting('return_info_provided')(repo, p, r) : null,
  'return.review_late': async (repo, p) => {
    const departmentId = str(p.departmentId);
    return {
      event: 'return_late',
      key: 'return_review_late',
      params: { department: str(p.departmentName) ?? '' },
      recipients: [
        ...strs(p.remindUserIds),
        ...(departmentId ? await repo.departmentPeople([departmentId], true) : []),
      ],
    };
  },
  'return.escalated': async (_repo, p) => ({
    event: 'return_late',
    key: 'return_escalated',
    params: {},
    recipients: strs(p.escalateTo),
  }),
  'return.decided': async (repo, p, r) => ({
    event: 'return_decided',
    key: p.decision === 'approved' ? 'return_approved' : 'return_rejected',
    params: {},
    recipients: [
      ...(r.caseAssigneeId ? [r.caseAssigneeId] : []),
      ...(await repo.departmentPeople(r.departmentIds, true)),
    ],
  }),
};

async function returnPlanOf(repo: NotificationsRepository, event: OutboxEvent): Promise<Plan | null> {
  const planner = Object.hasOwn(RETURN_PLANNERS, event.type) ? RETURN_PLANNERS[event.type] : undefined;
  const returnId = str(event.payload.returnId);
  if (!planner || !returnId) return null;
  const r = await repo.returnFacts(returnId);
  if (!r) return null;
  const plan = await planner(repo, event.payload, r);
  if (!plan) return null;
  return {
    ...plan,
    caseId: null,
    path: `/app/returns/${returnId}`,
    params: { number: r.number, subject: r.customerName, returnId, ...plan.params },
    recipients: [...new Set(plan.recipients)],
  };
}

async function planOf(repo: NotificationsRepository, event: OutboxEvent): Promise<Plan | null> {
  if (event.type.startsWith('return.')) return returnPlanOf(repo, event);
  const planner = Object.hasOwn(PLANNERS, event.type) ? PLANNERS[event.type] : undefined;
  const caseId = str(event.payload.caseId);
  if (!planner || !caseId) return null;
  const c = await repo.caseFacts(caseId);
  if (!c) return null;
  const plan = await planner(repo, event.payload, c);
  if (!plan) return null;
  return {
    ...plan,
    caseId,
    path: `/app/cases/${caseId}`,
    params: { number: c.number, subject: c.subject, ...plan.params },
    recipients: [...new Set(plan.recipients)],
  };
}

/**
 * Writes, inside the dispatch transaction, one notification per recipient who keeps the in-app channel on and
 * one queued mail per recipient who keeps email on (both unique per outbox event and user, so a second
 * dispatch writes nothing). Only active staff are told. The mail leaves later, from the periodic sender.
 */
export async function notifyInTx(db: Executor, event: OutboxEvent, ctx: ServiceContext): Promise<void> {
  const repo = new NotificationsRepository(db, event.workspaceId);
  const plan = await planOf(repo, event);
  if (!plan || !plan.recipients.length) return;
  const people = await repo.activeUsers(plan.recipients);
  const prefs = await repo.preferencesFor(
    people.map((u) => u.id),
    plan.event,
  );
  const at = ctx.clock.now().toISOString();
  const link = `${ctx.config.publicUrl}${plan.path}`;
  for (const person of people) {
    const pref = prefs.get(person.id) ?? DefaultNotificationPreferences[plan.event];
    if (pref.inApp)
      await repo.insert([
        {
          id: newId(),
          userId: person.id,
          event: plan.event,
          sourceEventId: event.id,
          caseId: plan.caseId,
          messageKey: plan.key,
          params: plan.params,
          createdAt: at,
          readAt: null,
        },
      ]);
    if (pref.email && person.email) {
      const mail = renderNotificationMail(plan.key, plan.params, person.locale as Locale, link);
      await repo.insertMail({
        id: newId(),
        userId: person.id,
        event: plan.event,
        sourceEventId: event.id,
        toAddress: person.email,
        subject: mail.subject,
        bodyText: mail.text,
        createdAt: at,
      });
    }
  }
}

/** The notifications consumer of the outbox. */
export const notificationHandler: EventHandler = {
  name: 'notifications',
  handles: (type) => Object.hasOwn(PLANNERS, type) || Object.hasOwn(RETURN_PLANNERS, type),
  handle: (tx: Tx, event, ctx) => notifyInTx(tx, event, ctx),
  /** Pushes the new notifications to their readers' open streams in this process. */
  async afterCommit(event, ctx) {
    const rows = await new NotificationsRepository(ctx.database.db, event.workspaceId).bySource(event.id);
    for (const row of rows) live.publish(event.workspaceId, row.userId, { event: 'notification', data: row });
  },
};
