import type { Mention, MessageVisibility, MyMention, MyMentionQuery, PageOf } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emitMany } from '../../platform/events/outbox.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { MentionsRepository } from './mentions.repository.js';

/** The message a mention is made in. */
export interface MentionSource {
  caseId: string;
  customerId: string;
  messageId: string;
  visibility: MessageVisibility;
}

/**
 * Records the colleagues a staff message mentions, inside the caller's transaction. The ids come from the
 * structured `mentions` field (never from names in the text) and must be active staff of the workspace, else a
 * field error each (mentions/i: not_staff) and nothing is written. One `case.mentioned` event per user.
 */
export async function recordMentionsInTx(
  tx: Executor,
  ctx: ServiceContext,
  source: MentionSource,
  userIds: readonly string[] | undefined,
): Promise<void> {
  if (!userIds?.length) return;
  if (ctx.principal?.kind !== 'staff') throw invalidFields([fieldError('mentions', 'not_staff')]);
  const repo = new MentionsRepository(tx, ctx.workspace.id);
  const statuses = await repo.userStatuses([...userIds]);
  const errs = userIds.flatMap((id, i) =>
    statuses.get(id) === 'active' ? [] : [fieldError(`mentions/${i}`, 'not_staff')],
  );
  if (errs.length) throw invalidFields(errs);
  const at = ctx.clock.now().toISOString();
  await repo.insert(
    userIds.map((userId) => ({
      id: newId(),
      caseId: source.caseId,
      messageId: source.messageId,
      userId,
      mentionedById: ctx.actor.id,
      mentionedBy: ctx.actor.name,
      createdAt: at,
    })),
  );
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: source.caseId,
    action: 'mentioned',
    changes: { mentions: { from: null, to: { messageId: source.messageId, userIds: [...userIds] } } },
  });
  await emitMany(
    tx,
    ctx,
    userIds.map((userId) => ({
      type: 'case.mentioned',
      payload: {
        caseId: source.caseId,
        customerId: source.customerId,
        messageId: source.messageId,
        visibility: source.visibility,
        userId,
        mentionedById: ctx.actor.id,
      },
    })),
  );
}

/** Who each message of a case mentions (staff views only). */
export async function caseMentions(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
): Promise<Map<string, Mention[]>> {
  const out = new Map<string, Mention[]>();
  for (const m of await new MentionsRepository(db, ctx.workspace.id).ofCase(caseId))
    out.set(m.messageId, [...(out.get(m.messageId) ?? []), { userId: m.userId, name: m.name }]);
  return out;
}

/** A case's messages with whom each mentions. */
export async function withMentions<T extends { messages: Array<{ id: string }> }>(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
  detail: T,
): Promise<T> {
  const mentions = await caseMentions(db, ctx, caseId);
  return { ...detail, messages: detail.messages.map((m) => ({ ...m, mentions: mentions.get(m.id) ?? [] })) };
}

const EXCERPT = 200;

/** The cases I was mentioned in. */
export class MentionsService {
  constructor(private readonly ctx: ServiceContext) {}

  async mine(query: MyMentionQuery): Promise<PageOf<MyMention>> {
    const principal = this.ctx.principal;
    if (principal?.kind !== 'staff') throw new AppError('forbidden');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await new MentionsRepository(this.ctx.database.db, this.ctx.workspace.id).ofUser(
      principal.userId,
      page,
      pageSize,
    );
    return {
      items: items.map((m) => ({
        id: m.id,
        caseId: m.caseId,
        caseNumber: m.caseNumber,
        caseSubject: m.caseSubject,
        caseStatus: m.caseStatus,
        messageId: m.messageId,
        visibility: m.visibility,
        mentionedBy: m.mentionedBy,
        excerpt:
          [...m.bodyText].length > EXCERPT ? `${[...m.bodyText].slice(0, EXCERPT).join('')}…` : m.bodyText,
        createdAt: m.createdAt,
      })),
      total,
      page,
      pageSize,
    };
  }
}
