import { createHash } from 'node:crypto';
import {
  AttachmentLimits,
  type Attachment,
  type AttachmentUpload,
  type CaseDiscipline,
  type FieldError,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { recordAudit, recordAudits } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { inspect, previewOf } from './attachments.content.js';
import {
  AttachmentsRepository,
  type AttachmentAccess,
  type AttachmentRecord,
  type AttachTarget,
  type UploaderType,
} from './attachments.repository.js';
import { presentAttachment, presentUpload, type Audience } from './attachments.presenter.js';

/** A file to send back: its record and its bytes. */
export interface AttachmentFile {
  attachment: AttachmentRecord;
  content: Buffer;
}

function repo(db: Executor, ctx: ServiceContext): AttachmentsRepository {
  return new AttachmentsRepository(db, ctx.workspace.id);
}

/** Who is uploading or attaching: a staff user or a portal contact (nobody else uploads). */
function uploaderOf(ctx: ServiceContext): { type: UploaderType; id: string } {
  const { type, id } = ctx.actor;
  if ((type !== 'user' && type !== 'contact') || !id) throw new AppError('forbidden');
  return { type, id };
}

function audienceOf(ctx: ServiceContext): Audience {
  return ctx.principal?.kind === 'contact' ? 'portal' : 'staff';
}

function owns(ctx: ServiceContext, a: AttachmentRecord): boolean {
  return a.uploaderType === ctx.actor.type && a.uploaderId === ctx.actor.id;
}

/** Whether an upload can still be attached by the caller: theirs, unattached, not expired. */
function usable(ctx: ServiceContext, a: AttachmentRecord | undefined, now: string): a is AttachmentRecord {
  return Boolean(a && !a.caseId && owns(ctx, a) && (!a.expiresAt || a.expiresAt > now));
}

/**
 * Whether a contact may see an attachment. An unattached upload: only the contact who uploaded it. An attached
 * one: the case must be one the contact sees (the rule of cases' contactSees: their company's, and their own
 * unless company-wide) and, on a message, the message must be public. Internal notes' files never reach them.
 */
function contactMaySee(contact: ContactPrincipal, a: AttachmentAccess): boolean {
  if (!a.caseId) return a.uploaderType === 'contact' && a.uploaderId === contact.contactId;
  const seesCase =
    a.caseCustomerId === contact.customerId && (contact.companyWide || a.caseContactId === contact.contactId);
  if (!seesCase) return false;
  return a.messageId ? a.messageVisibility === 'public' : Boolean(a.planStepId);
}

/** Staff see every attached file of their workspace, and their own uploads before they are attached. */
function staffMaySee(ctx: ServiceContext, a: AttachmentAccess): boolean {
  return a.caseId ? true : owns(ctx, a);
}

/**
 * Uploads, downloads and previews. An upload is checked by its content (attachments.content.ts), stored with
 * its bytes in one transaction, and stays the uploader's own until attached to a message or plan step.
 */
export class AttachmentsService {
  constructor(private readonly ctx: ServiceContext) {}

  async upload(filename: string, content: Buffer): Promise<AttachmentUpload> {
    const uploader = uploaderOf(this.ctx);
    if (content.length > AttachmentLimits.fileBytes) throw new AppError('attachment_too_large');
    const found = await inspect(content, filename);
    const now = this.ctx.clock.now();
    const record: AttachmentRecord = {
      id: newId(),
      name: found.name,
      size: content.length,
      contentType: found.contentType,
      isImage: found.isImage,
      sha256: createHash('sha256').update(content).digest('hex'),
      uploaderType: uploader.type,
      uploaderId: uploader.id,
      uploaderName: this.ctx.actor.name,
      caseId: null,
      messageId: null,
      planStepId: null,
      expiresAt: new Date(now.getTime() + AttachmentLimits.unattachedHours * 3_600_000).toISOString(),
      createdAt: now.toISOString(),
    };
    return inTransaction(this.ctx, async (tx) => {
      const r = repo(tx, this.ctx);
      await r.deleteExpired(record.createdAt);
      await r.insert(record, content);
      await recordAudit(tx, this.ctx, {
        entityType: 'attachment',
        entityId: record.id,
        action: 'uploaded',
        after: {
          name: record.name,
          size: record.size,
          contentType: record.contentType,
          sha256: record.sha256,
        },
      });
      await emit(tx, this.ctx, 'attachment.uploaded', { attachmentId: record.id, size: record.size });
      return presentUpload(record, audienceOf(this.ctx));
    });
  }

  /** The file, when the caller may see it; 404 otherwise (also across customers and workspaces). */
  async download(id: string): Promise<AttachmentFile> {
    const r = repo(this.ctx.database.db, this.ctx);
    const a = await r.find(id);
    const principal = this.ctx.principal;
    const visible =
      a &&
      (principal?.kind === 'contact'
        ? contactMaySee(principal, a)
        : principal?.kind === 'staff' && staffMaySee(this.ctx, a));
    if (!a || !visible) throw new AppError('not_found');
    const content = await r.content(id);
    if (!content) throw new AppError('not_found');
    return { attachment: a, content };
  }

  /** A re-encoded preview of a raster image the caller may see; 404 for anything else. */
  async preview(id: string): Promise<AttachmentFile> {
    const file = await this.download(id);
    if (!file.attachment.isImage) throw new AppError('not_found');
    try {
      return { attachment: file.attachment, content: await previewOf(file.content) };
    } catch {
      throw new AppError('not_found');
    }
  }

  /** Removes one of the caller's own uploads before it is attached; anything else is 404. */
  async remove(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const r = repo(tx, this.ctx);
      const a = await r.find(id);
      if (!a || a.caseId || !owns(this.ctx, a)) throw new AppError('not_found');
      await r.delete([id]);
      await recordAudit(tx, this.ctx, {
        entityType: 'attachment',
        entityId: id,
        action: 'deleted',
        before: { name: a.name, size: a.size, contentType: a.contentType, sha256: a.sha256 },
      });
      await emit(tx, this.ctx, 'attachment.deleted', { attachmentId: id });
    });
  }
}

/** A field error for each upload the caller cannot attach (not theirs, already used, expired, unknown). */
async function unusable(
  r: AttachmentsRepository,
  ctx: ServiceContext,
  wanted: Array<{ id: string; field: string }>,
): Promise<FieldError[]> {
  if (!wanted.length) return [];
  const now = ctx.clock.now().toISOString();
  const found = new Map((await r.findMany(wanted.map((w) => w.id))).map((a) => [a.id, a]));
  return wanted
    .filter((w) => !usable(ctx, found.get(w.id), now))
    .map((w) => fieldError(w.field, 'attachment_unavailable'));
}

async function attachChecked(
  tx: Executor,
  ctx: ServiceContext,
  r: AttachmentsRepository,
  target: AttachTarget,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  await r.attach(ids, target, ctx.clock.now().toISOString());
  await recordAudits(
    tx,
    ctx,
    ids.map((id) => ({
      entityType: 'attachment',
      entityId: id,
      action: 'attached',
      changes: { attachedTo: { from: null, to: target } },
    })),
  );
  await emit(tx, ctx, 'attachment.attached', { ...target, attachmentIds: ids });
}

/**
 * Attaches the caller's uploads to a message or plan step, inside the caller's transaction. Every id must be
 * the caller's own unattached, unexpired upload: otherwise a field error per bad id (field/index) and nothing
 * is attached.
 */
export async function attachUploadsInTx(
  tx: Executor,
  ctx: ServiceContext,
  target: AttachTarget,
  ids: readonly string[] | undefined,
  field = 'attachmentIds',
): Promise<void> {
  if (!ids?.length) return;
  const r = repo(tx, ctx);
  const errs = await unusable(
    r,
    ctx,
    ids.map((id, i) => ({ id, field: `${field}/${i}` })),
  );
  if (errs.length) throw invalidFields(errs);
  await attachChecked(tx, ctx, r, target, [...ids]);
}

/**
 * Keeps the files of an action plan in step with the plan just saved: files of removed steps are deleted; a
 * step that lists attachmentIds keeps the listed files it had, loses the others and gains the listed uploads;
 * a step without attachmentIds keeps its files as they were.
 */
export async function syncPlanAttachmentsInTx(
  tx: Executor,
  ctx: ServiceContext,
  caseId: string,
  steps: ReadonlyArray<{ id: string; attachmentIds?: readonly string[] | undefined }>,
): Promise<void> {
  const r = repo(tx, ctx);
  const existing = (await r.ofCase(caseId)).filter((a) => a.planStepId);
  const stepIds = new Set(steps.map((s) => s.id));
  const removed = existing.filter((a) => !stepIds.has(a.planStepId ?? '')).map((a) => a.id);
  const added: Array<{ stepId: string; ids: string[] }> = [];
  const errs: FieldError[] = [];
  for (const [i, step] of steps.entries()) {
    if (!step.attachmentIds) continue;
    const listed = new Set(step.attachmentIds);
    const had = existing.filter((a) => a.planStepId === step.id);
    const hadIds = new Set(had.map((a) => a.id));
    removed.push(...had.filter((a) => !listed.has(a.id)).map((a) => a.id));
    const fresh = step.attachmentIds
      .map((id, j) => ({ id, field: `steps/${i}/attachmentIds/${j}` }))
      .filter((w) => !hadIds.has(w.id));
    errs.push(...(await unusable(r, ctx, fresh)));
    if (fresh.length) added.push({ stepId: step.id, ids: fresh.map((w) => w.id) });
  }
  if (errs.length) throw invalidFields(errs);
  if (removed.length) {
    await r.delete(removed);
    await recordAudits(
      tx,
      ctx,
      removed.map((id) => ({ entityType: 'attachment', entityId: id, action: 'deleted', changes: {} })),
    );
    await emit(tx, ctx, 'attachment.deleted', { caseId, attachmentIds: removed });
  }
  for (const a of added) await attachChecked(tx, ctx, r, { caseId, planStepId: a.stepId }, a.ids);
}

/** The files of a case as the caller sees them (staff or portal urls), by message and by plan step. */
export async function caseAttachments(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
): Promise<{ byMessage: Map<string, Attachment[]>; byStep: Map<string, Attachment[]> }> {
  const audience = audienceOf(ctx);
  const byMessage = new Map<string, Attachment[]>();
  const byStep = new Map<string, Attachment[]>();
  for (const a of await repo(db, ctx).ofCase(caseId)) {
    const key = a.messageId ?? a.planStepId;
    const map = a.messageId ? byMessage : byStep;
    if (!key) continue;
    map.set(key, [...(map.get(key) ?? []), presentAttachment(a, audience)]);
  }
  return { byMessage, byStep };
}

/**
 * A case's messages and plan steps with their files added. The caller passes only the messages the viewer may
 * see (portal: public ones), so an internal note's files never reach a contact.
 */
export async function withCaseAttachments<
  T extends { messages: Array<{ id: string }>; discipline?: CaseDiscipline | undefined },
>(db: Executor, ctx: ServiceContext, caseId: string, detail: T): Promise<T> {
  const files = await caseAttachments(db, ctx, caseId);
  return {
    ...detail,
    messages: detail.messages.map((m) => ({ ...m, attachments: files.byMessage.get(m.id) ?? [] })),
    ...(detail.discipline ? { discipline: planWith(detail.discipline, files.byStep) } : {}),
  };
}

function planWith(d: CaseDiscipline, byStep: Map<string, Attachment[]>): CaseDiscipline {
  return { ...d, plan: d.plan.map((s) => ({ ...s, attachments: byStep.get(s.id) ?? [] })) };
}

/** A case's discipline with the files of its plan steps. */
export async function withPlanAttachments(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
  discipline: CaseDiscipline,
): Promise<CaseDiscipline> {
  return planWith(discipline, (await caseAttachments(db, ctx, caseId)).byStep);
}

/** The files of one message, as its author sees them right after writing it. */
export async function messageAttachments(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
  messageId: string,
): Promise<Attachment[]> {
  return (await caseAttachments(db, ctx, caseId)).byMessage.get(messageId) ?? [];
}
