import type { CaseComplaint, CaseStatus, CaseType, ComplaintInput, FieldError } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { fieldError } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import type { CaseRecord } from '../cases/index.js';
import { SlaRepository } from '../sla/index.js';
import { loadServiceSettings } from '../service-settings/index.js';
import { ServiceLevelsRepository } from './service-levels.repository.js';

const DAY_MS = 86_400_000;

/**
 * A new complaint (inside the transaction that opened it): its complaint record, and an automatic
 * escalation to the workspace's managers — escalation level 2 on its SLA, an sla_events row (kind
 * acknowledgement, event escalated), an audit entry and sla.escalated naming the managers.
 */
export async function complaintOpened(tx: Executor, ctx: ServiceContext, c: CaseRecord): Promise<void> {
  if (c.type !== 'complaint') return;
  const now = ctx.clock.now().toISOString();
  await new ServiceLevelsRepository(tx, ctx.workspace.id).saveComplaint(
    { caseId: c.id, rootCause: null, correctiveAction: null },
    now,
  );
  const sla = new SlaRepository(tx, ctx.workspace.id);
  const escalateTo = await sla.managers();
  await sla.insertEvent({
    id: newId(),
    caseId: c.id,
    kind: 'acknowledgement',
    startedAt: c.createdAt,
    event: 'escalated',
    at: now,
    escalationLevel: 2,
  });
  if (await sla.findCaseSla(c.id)) await sla.setEscalationLevel(c.id, 2);
  const payload = { caseId: c.id, reason: 'complaint', escalationLevel: 2, escalateTo };
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: c.id,
    action: 'escalated',
    changes: { escalation: { from: null, to: payload } },
  });
  await emit(tx, ctx, 'sla.escalated', payload);
}

/**
 * What solving or closing a complaint needs: a root-cause category from the workspace's catalogue and a
 * corrective action, given now or stored before. Field errors under complaint/….
 */
export async function complaintCloseErrors(
  tx: Executor,
  ctx: ServiceContext,
  before: CaseRecord,
  next: { type: CaseType; status: CaseStatus },
  input: ComplaintInput | undefined,
): Promise<FieldError[]> {
  if (input) {
    const settings = await loadServiceSettings(tx, ctx.workspace.id);
    if (!settings.complaints.rootCauses.some((r) => r.key === input.rootCause))
      return [fieldError('complaint/rootCause', 'unknown_root_cause')];
    if (!input.correctiveAction.trim()) return [fieldError('complaint/correctiveAction', 'required')];
  }
  const closing = (next.status === 'solved' || next.status === 'closed') && next.status !== before.status;
  if (next.type !== 'complaint' || !closing || input) return [];
  const stored = await new ServiceLevelsRepository(tx, ctx.workspace.id).complaint(before.id);
  const errs: FieldError[] = [];
  if (!stored?.rootCause) errs.push(fieldError('complaint/rootCause', 'required'));
  if (!stored?.correctiveAction) errs.push(fieldError('complaint/correctiveAction', 'required'));
  return errs;
}

/** Stores a complaint's root cause and corrective action (validated by complaintCloseErrors). */
export async function saveComplaint(
  tx: Executor,
  ctx: ServiceContext,
  caseId: string,
  input: ComplaintInput,
): Promise<void> {
  await new ServiceLevelsRepository(tx, ctx.workspace.id).saveComplaint(
    { caseId, rootCause: input.rootCause, correctiveAction: input.correctiveAction.trim() },
    ctx.clock.now().toISOString(),
  );
}

/**
 * The complaint part of complaint cases, by case id: root cause, corrective action and repeats — other
 * complaints of the same customer, and other complaints with the same root cause, created within the
 * workspace's repeat window (either side of this one's creation).
 */
export async function complaintsOf(
  db: Executor,
  ctx: ServiceContext,
  cases: CaseRecord[],
): Promise<Map<string, CaseComplaint>> {
  const out = new Map<string, CaseComplaint>();
  const complaints = cases.filter((c) => c.type === 'complaint');
  if (complaints.length === 0) return out;
  const repo = new ServiceLevelsRepository(db, ctx.workspace.id);
  const settings = await loadServiceSettings(db, ctx.workspace.id);
  const windowMs = settings.complaints.repeatWindowDays * DAY_MS;
  const records = new Map((await repo.complaints(complaints.map((c) => c.id))).map((r) => [r.caseId, r]));
  for (const c of complaints) {
    const r = records.get(c.id);
    const created = Date.parse(c.createdAt);
    const from = new Date(created - windowMs).toISOString();
    const to = new Date(created + windowMs).toISOString();
    out.set(c.id, {
      rootCause: r?.rootCause ?? null,
      correctiveAction: r?.correctiveAction ?? null,
      repeat: {
        sameCustomer: await repo.complaintsOfCustomer(c.customerId, c.id, from, to),
        sameRootCause: r?.rootCause ? await repo.complaintsWithRootCause(r.rootCause, c.id, from, to) : [],
      },
    });
  }
  return out;
}
