import type { Selectable } from 'kysely';
import { toBool, type Executor } from '../../platform/db/database.js';
import type { AttachmentsTable } from '../../platform/db/schema.js';

export type UploaderType = 'user' | 'contact';

export interface AttachmentRecord {
  id: string;
  name: string;
  size: number;
  contentType: string;
  isImage: boolean;
  sha256: string;
  uploaderType: UploaderType;
  /** The user or contact who uploaded it. */
  uploaderId: string;
  uploaderName: string | null;
  caseId: string | null;
  messageId: string | null;
  planStepId: string | null;
  expiresAt: string | null;
  createdAt: string;
}

/** An attachment with what decides who may see it: its case's customer and contact, its message's visibility. */
export interface AttachmentAccess extends AttachmentRecord {
  caseCustomerId: string | null;
  caseContactId: string | null;
  messageVisibility: string | null;
}

/** What an attachment is attached to. */
export type AttachTarget = { caseId: string; messageId: string } | { caseId: string; planStepId: string };

function record(r: Selectable<AttachmentsTable>): AttachmentRecord {
  return {
    id: r.id,
    name: r.name,
    size: Number(r.size),
    contentType: r.content_type,
    isImage: toBool(r.is_image),
    sha256: r.sha256,
    uploaderType: r.uploader_type as UploaderType,
    uploaderId: (r.uploader_type === 'contact' ? r.uploader_contact_id : r.uploader_user_id) ?? '',
    uploaderName: r.uploader_name,
    caseId: r.case_id,
    messageId: r.message_id,
    planStepId: r.plan_step_id,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  };
}

export class AttachmentsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insert(a: AttachmentRecord, content: Buffer): Promise<void> {
    await this.db
      .insertInto('attachments')
      .values({
        workspace_id: this.workspaceId,
        id: a.id,
        name: a.name,
        size: a.size,
        content_type: a.contentType,
        is_image: a.isImage ? 1 : 0,
        sha256: a.sha256,
        uploader_type: a.uploaderType,
        uploader_user_id: a.uploaderType === 'user' ? a.uploaderId : null,
        uploader_contact_id: a.uploaderType === 'contact' ? a.uploaderId : null,
        uploader_name: a.uploaderName,
        case_id: null,
        message_id: null,
        plan_step_id: null,
        expires_at: a.expiresAt,
        created_at: a.createdAt,
        attached_at: null,
      })
      .execute();
    await this.db
      .insertInto('attachment_contents')
      .values({ workspace_id: this.workspaceId, attachment_id: a.id, content })
      .execute();
  }

  async find(id: string): Promise<AttachmentAccess | undefined> {
    const r = await this.db
      .selectFrom('attachments as a')
      .leftJoin('cases as c', (j) =>
        j.onRef('c.workspace_id', '=', 'a.workspace_id').onRef('c.id', '=', 'a.case_id'),
      )
      .leftJoin('case_messages as m', (j) =>
        j.onRef('m.workspace_id', '=', 'a.workspace_id').onRef('m.id', '=', 'a.message_id'),
      )
      .selectAll('a')
      .select([
        'c.customer_id as case_customer_id',
        'c.contact_id as case_contact_id',
        'm.visibility as message_visibility',
      ])
      .where('a.workspace_id', '=', this.workspaceId)
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      ...record(r),
      caseCustomerId: r.case_customer_id,
      caseContactId: r.case_contact_id,
      messageVisibility: r.message_visibility,
    };
  }

  async content(id: string): Promise<Buffer | undefined> {
    const r = await this.db
      .selectFrom('attachment_contents')
      .select('content')
      .where('workspace_id', '=', this.workspaceId)
      .where('attachment_id', '=', id)
      .executeTakeFirst();
    return r ? Buffer.from(r.content) : undefined;
  }

  /** Every attachment of a case (messages and plan steps), oldest first. */
  async ofCase(caseId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(record);
  }

  async findMany(ids: string[]): Promise<AttachmentRecord[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .execute();
    return rows.map(record);
  }

  async attach(ids: string[], target: AttachTarget, at: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('attachments')
      .set({
        case_id: target.caseId,
        message_id: 'messageId' in target ? target.messageId : null,
        plan_step_id: 'planStepId' in target ? target.planStepId : null,
        expires_at: null,
        attached_at: at,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .where('case_id', 'is', null)
      .execute();
  }

  async delete(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db
      .deleteFrom('attachments')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .execute();
  }

  /** Removes uploads never attached whose time ran out; returns how many. */
  async deleteExpired(now: string): Promise<number> {
    const r = await this.db
      .deleteFrom('attachments')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', 'is', null)
      .where('expires_at', '<', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
