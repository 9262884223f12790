import type { CaseLinkKind } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { toBool } from '../../platform/db/database.js';

export interface LinkRecord {
  id: string;
  caseId: string;
  kind: CaseLinkKind;
  title: string;
  note: string;
  linkedCaseId: string | null;
  doneAt: string | null;
  doneBy: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** A case as a link shows it, with the customer (the portal shows only its own customer's cases). */
export interface LinkedCaseRecord {
  id: string;
  number: string;
  subject: string;
  status: string;
  customerId: string;
  contactId: string | null;
}

export interface CheckpointRecord {
  id: string;
  caseId: string;
  title: string;
  note: string;
  dueAt: string;
  doneAt: string | null;
  doneBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  missedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

/** Per-case discipline state: the plan's version and the case's own summary schedule (when set). */
export interface CaseDisciplineState {
  planVersion: number;
  summaryCustom: boolean;
  summaryEveryHours: number | null;
  summarySetAt: string | null;
}

export interface DisciplineSettingsRecord {
  checkpointLeadMinutes: number;
  summaryHoursS1: number | null;
  summaryHoursS2: number | null;
  version: number;
}

export const DEFAULT_DISCIPLINE_SETTINGS: DisciplineSettingsRecord = {
  checkpointLeadMinutes: 24 * 60,
  summaryHoursS1: 4,
  summaryHoursS2: 8,
  version: 0,
};

const ACTIVE = ['new', 'open', 'pending', 'on_hold'];

/** Related problems, checkpoints, per-case schedule, workspace defaults and sweep events (migration 0011). */
export class DisciplineExtRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  // Links ------------------------------------------------------------------------------------------------

  private link(r: {
    id: string;
    case_id: string;
    kind: string;
    title: string;
    note: string;
    linked_case_id: string | null;
    done_at: string | null;
    done_by: string | null;
    created_by: string | null;
    created_at: string;
  }): LinkRecord {
    return {
      id: r.id,
      caseId: r.case_id,
      kind: r.kind as CaseLinkKind,
      title: r.title,
      note: r.note,
      linkedCaseId: r.linked_case_id,
      doneAt: r.done_at,
      doneBy: r.done_by,
      createdBy: r.created_by,
      createdAt: r.created_at,
    };
  }

  /** Links recorded on the case (outgoing) and links of other cases that point at it (incoming). */
  async links(caseId: string): Promise<{ outgoing: LinkRecord[]; incoming: LinkRecord[] }> {
    const base = () =>
      this.db
        .selectFrom('case_links')
        .selectAll()
        .where('workspace_id', '=', this.workspaceId)
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc');
    const [outgoing, incoming] = await Promise.all([
      base().where('case_id', '=', caseId).execute(),
      base().where('linked_case_id', '=', caseId).execute(),
    ]);
    return { outgoing: outgoing.map((r) => this.link(r)), incoming: incoming.map((r) => this.link(r)) };
  }

  async findLink(caseId: string, id: string): Promise<LinkRecord | undefined> {
    const r = await this.db
      .selectFrom('case_links')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && this.link(r);
  }

  async insertLink(l: LinkRecord): Promise<void> {
    await this.db
      .insertInto('case_links')
      .values({
        workspace_id: this.workspaceId,
        id: l.id,
        case_id: l.caseId,
        kind: l.kind,
        title: l.title,
        note: l.note,
        linked_case_id: l.linkedCaseId,
        done_at: l.doneAt,
        done_by: l.doneBy,
        created_by: l.createdBy,
        created_at: l.createdAt,
      })
      .execute();
  }

  async updateLink(l: LinkRecord): Promise<void> {
    await this.db
      .updateTable('case_links')
      .set({ linked_case_id: l.linkedCaseId, done_at: l.doneAt, done_by: l.doneBy })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', l.id)
      .execute();
  }

  async deleteLink(id: string): Promise<void> {
    await this.db
      .deleteFrom('case_links')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async cases(ids: string[]): Promise<Map<string, LinkedCaseRecord>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .selectFrom('cases')
      .select(['id', 'number', 'subject', 'status', 'customer_id', 'contact_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          number: r.number,
          subject: r.subject,
          status: r.status,
          customerId: r.customer_id,
          contactId: r.contact_id,
        },
      ]),
    );
  }

  // Checkpoints ------------------------------------------------------------------------------------------

  private checkpoint(r: {
    id: string;
    case_id: string;
    title: string;
    note: string;
    due_at: string;
    done_at: string | null;
    done_by: string | null;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    missed_at: string | null;
    created_by: string | null;
    created_at: string;
    version: number;
  }): CheckpointRecord {
    return {
      id: r.id,
      caseId: r.case_id,
      title: r.title,
      note: r.note,
      dueAt: r.due_at,
      doneAt: r.done_at,
      doneBy: r.done_by,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
      missedAt: r.missed_at,
      createdBy: r.created_by,
      createdAt: r.created_at,
      version: r.version,
    };
  }

  /** In due order. */
  async checkpoints(caseId: string): Promise<CheckpointRecord[]> {
    const rows = await this.db
      .selectFrom('case_checkpoints')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('due_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => this.checkpoint(r));
  }

  async findCheckpoint(caseId: string, id: string): Promise<CheckpointRecord | undefined> {
    const r = await this.db
      .selectFrom('case_checkpoints')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && this.checkpoint(r);
  }

  async insertCheckpoint(c: CheckpointRecord): Promise<void> {
    await this.db
      .insertInto('case_checkpoints')
      .values({
        workspace_id: this.workspaceId,
        id: c.id,
        case_id: c.caseId,
        title: c.title,
        note: c.note,
        due_at: c.dueAt,
        done_at: c.doneAt,
        done_by: c.doneBy,
        acknowledged_at: c.acknowledgedAt,
        acknowledged_by: c.acknowledgedBy,
        missed_at: c.missedAt,
        created_by: c.createdBy,
        created_at: c.createdAt,
        version: c.version,
      })
      .execute();
  }

  /**
   * Writes staff's changes if the checkpoint is still at `expected`; false when someone else changed it first.
   * The contact's acknowledgement is left alone unless `resetAcknowledgement` (the date moved).
   */
  async updateCheckpoint(
    c: CheckpointRecord,
    expected: number,
    resetAcknowledgement: boolean,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('case_checkpoints')
      .set({
        title: c.title,
        note: c.note,
        due_at: c.dueAt,
        done_at: c.doneAt,
        done_by: c.doneBy,
        ...(resetAcknowledgement ? { acknowledged_at: null, acknowledged_by: null } : {}),
        missed_at: c.missedAt,
        version: expected + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', c.id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * The contact acknowledges the date: no new version (it does not conflict with staff edits); false when it was
   * acknowledged already.
   */
  async acknowledgeCheckpoint(id: string, at: string, by: string | null): Promise<boolean> {
    const r = await this.db
      .updateTable('case_checkpoints')
      .set({ acknowledged_at: at, acknowledged_by: by })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteCheckpoint(id: string): Promise<void> {
    await this.db
      .deleteFrom('case_checkpoints')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** Flags a checkpoint missed (only while it is not done and still due at that instant). */
  async markMissed(id: string, dueAt: string, at: string): Promise<void> {
    await this.db
      .updateTable('case_checkpoints')
      .set({ missed_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('due_at', '=', dueAt)
      .where('done_at', 'is', null)
      .execute();
  }

  /** Open checkpoints of active cases due before `horizon` (the sweep). */
  async checkpointsDueBefore(horizon: string): Promise<CheckpointRecord[]> {
    const rows = await this.db
      .selectFrom('case_checkpoints')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('done_at', 'is', null)
      .where('due_at', '<=', horizon)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('cases')
            .select('cases.id')
            .whereRef('cases.workspace_id', '=', 'case_checkpoints.workspace_id')
            .whereRef('cases.id', '=', 'case_checkpoints.case_id')
            .where('cases.status', 'in', ACTIVE),
        ),
      )
      .execute();
    return rows.map((r) => this.checkpoint(r));
  }

  // Per-case state ---------------------------------------------------------------------------------------

  async state(caseId: string): Promise<CaseDisciplineState | null> {
    const r = await this.db
      .selectFrom('case_discipline')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    return r
      ? {
          planVersion: r.plan_version,
          summaryCustom: toBool(r.summary_custom),
          summaryEveryHours: r.summary_every_hours,
          summarySetAt: r.summary_set_at,
        }
      : null;
  }

  private async ensureState(caseId: string): Promise<void> {
    await this.db
      .insertInto('case_discipline')
      .values({
        workspace_id: this.workspaceId,
        case_id: caseId,
        plan_version: 0,
        summary_custom: 0,
        summary_every_hours: null,
        summary_set_at: null,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'case_id']).doNothing())
      .execute();
  }

  /** Moves the plan from version `expected` to the next; false when it is no longer at `expected`. */
  async bumpPlanVersion(caseId: string, expected: number): Promise<boolean> {
    await this.ensureState(caseId);
    const r = await this.db
      .updateTable('case_discipline')
      .set({ plan_version: expected + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('plan_version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setSchedule(caseId: string, custom: boolean, everyHours: number | null, at: string): Promise<void> {
    await this.ensureState(caseId);
    await this.db
      .updateTable('case_discipline')
      .set({ summary_custom: custom ? 1 : 0, summary_every_hours: everyHours, summary_set_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .execute();
  }

  /**
   * Active cases that may have a summary schedule: S1 / S2 (workspace defaults) or a schedule of their own.
   * The sweep looks at each one's next due instant.
   */
  async scheduledCaseIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('status', 'in', ACTIVE)
      .where((eb) =>
        eb.or([
          eb('severity', 'in', ['S1', 'S2']),
          eb.exists(
            eb
              .selectFrom('case_discipline')
              .select('case_discipline.case_id')
              .whereRef('case_discipline.workspace_id', '=', 'cases.workspace_id')
              .whereRef('case_discipline.case_id', '=', 'cases.id')
              .where('case_discipline.summary_custom', '=', 1)
              .where('case_discipline.summary_every_hours', 'is not', null),
          ),
        ]),
      )
      .execute();
    return rows.map((r) => r.id);
  }

  async latestSummaryAt(caseId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('case_summaries')
      .select('created_at')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.created_at ?? null;
  }

  // Workspace settings -----------------------------------------------------------------------------------

  async settings(): Promise<DisciplineSettingsRecord> {
    const r = await this.db
      .selectFrom('discipline_settings')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    return r
      ? {
          checkpointLeadMinutes: r.checkpoint_lead_minutes,
          summaryHoursS1: r.summary_hours_s1,
          summaryHoursS2: r.summary_hours_s2,
          version: r.version,
        }
      : DEFAULT_DISCIPLINE_SETTINGS;
  }

  /** Saves the settings if they are still at `expected` (0: never saved); false otherwise. */
  async saveSettings(
    s: Omit<DisciplineSettingsRecord, 'version'>,
    expected: number,
    at: string,
  ): Promise<boolean> {
    const values = {
      checkpoint_lead_minutes: s.checkpointLeadMinutes,
      summary_hours_s1: s.summaryHoursS1,
      summary_hours_s2: s.summaryHoursS2,
      updated_at: at,
      version: expected + 1,
    };
    if (expected === 0) {
      const r = await this.db
        .insertInto('discipline_settings')
        .values({ workspace_id: this.workspaceId, ...values })
        .onConflict((oc) => oc.column('workspace_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await this.db
      .updateTable('discipline_settings')
      .set(values)
      .where('workspace_id', '=', this.workspaceId)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // Sweep events and contacts ----------------------------------------------------------------------------

  /** Records a sweep event once per (subject, event, period); false when it was recorded before. */
  async insertEvent(e: {
    id: string;
    caseId: string;
    subjectId: string;
    event: string;
    periodKey: string;
    at: string;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('discipline_events')
      .values({
        workspace_id: this.workspaceId,
        id: e.id,
        case_id: e.caseId,
        subject_id: e.subjectId,
        event: e.event,
        period_key: e.periodKey,
        at: e.at,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'subject_id', 'event', 'period_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async contact(
    id: string,
  ): Promise<{ name: string; email: string | null; locale: string | null } | undefined> {
    return this.db
      .selectFrom('contacts')
      .select(['name', 'email', 'locale'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A confirmation token of an agreement (only its hash is stored). */
  async insertAgreementToken(t: {
    id: string;
    tokenHash: string;
    purpose: string;
    agreementId: string;
    now: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('one_time_tokens')
      .values({
        workspace_id: this.workspaceId,
        id: t.id,
        token_hash: t.tokenHash,
        purpose: t.purpose,
        subject_type: 'agreement',
        subject_id: t.agreementId,
        expires_at: t.expiresAt,
        used_at: null,
        created_at: t.now,
      })
      .execute();
  }

  /** An unused, unexpired confirmation token by its hash, without using it up. */
  async findToken(
    tokenHash: string,
    purpose: string,
    now: string,
  ): Promise<{ subjectId: string } | undefined> {
    const r = await this.db
      .selectFrom('one_time_tokens')
      .select('subject_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r && { subjectId: r.subject_id };
  }

  /** The case of an agreement that still exists (a replaced agreement is gone). */
  async agreementCaseId(id: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('case_agreements')
      .select('case_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.case_id;
  }

  /** The default service calendar of the workspace (for cases without an SLA). */
  async defaultCalendar(): Promise<{ id: string; version: number; spec: string } | undefined> {
    return this.db
      .selectFrom('service_calendars')
      .select(['id', 'version', 'spec'])
      .where('workspace_id', '=', this.workspaceId)
      .where('is_default', '=', 1)
      .executeTakeFirst();
  }
}
