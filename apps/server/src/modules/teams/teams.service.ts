import type {
  AssignmentRule,
  AssignmentRuleCreate,
  AssignmentRuleOrder,
  AssignmentRuleUpdate,
  FieldError,
  RuleConditions,
  Team,
  TeamCreate,
  TeamUpdate,
} from '@aftercare/contracts';
import { positionChanges } from '../../platform/ordering.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { TeamsRepository, type RuleRecord, type RuleWrite, type TeamRecord } from './teams.repository.js';

function auditedTeam(t: TeamRecord): Record<string, unknown> {
  return { name: t.name, leadId: t.leadId, memberIds: t.members.map((m) => m.userId).sort() };
}

function auditedRule(r: RuleRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, teamName: _t, agentName: _a, ...rest } = r;
  return rest;
}

/** Teams of staff, and the ordered assignment rules that route new cases to them. */
export class TeamsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new TeamsRepository(db, this.ctx.workspace.id);
  }

  private get canManage(): boolean {
    return this.ctx.principal?.kind === 'staff' && this.ctx.principal.permissions.has('teams.manage');
  }

  private presentTeam(t: TeamRecord): Team {
    return { ...t, actions: this.canManage ? ['update', 'delete'] : [] };
  }

  private presentRule(r: RuleRecord): AssignmentRule {
    return { ...r, actions: this.canManage ? ['update', 'delete', 'reorder'] : [] };
  }

  async listTeams(): Promise<Team[]> {
    return (await this.repo().listTeams()).map((t) => this.presentTeam(t));
  }

  async getTeam(id: string): Promise<Team> {
    const t = await this.repo().findTeam(id);
    if (!t) throw new AppError('not_found');
    return this.presentTeam(t);
  }

  private async checkTeam(
    repo: TeamsRepository,
    name: string,
    memberIds: string[],
    leadId: string | null,
    selfId: string | null,
  ): Promise<FieldError[]> {
    const errs: FieldError[] = [];
    const others = (await repo.listTeams()).filter((t) => t.id !== selfId);
    if (others.some((t) => t.name.trim().toLowerCase() === name.toLowerCase()))
      errs.push(fieldError('name', 'duplicate'));
    const statuses = await repo.userStatuses(memberIds);
    memberIds.forEach((id, i) => {
      if (!statuses.has(id)) errs.push(fieldError(`memberIds/${i}`, 'unknown_reference'));
    });
    if (leadId && !memberIds.includes(leadId)) errs.push(fieldError('leadId', 'not_team_member'));
    return errs;
  }

  async createTeam(input: TeamCreate): Promise<Team> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const name = input.name.trim();
      const memberIds = [...new Set(input.memberIds)];
      const leadId = input.leadId ?? null;
      const errs = await this.checkTeam(repo, name, memberIds, leadId, null);
      if (!name) errs.push(fieldError('name', 'required'));
      if (errs.length) throw invalidFields(errs);
      const id = newId();
      await repo.insertTeam({ id, name, leadId }, this.ctx.clock.now().toISOString());
      await repo.setMembers(id, memberIds);
      const created = (await repo.findTeam(id)) as TeamRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'team',
        entityId: id,
        action: 'created',
        after: auditedTeam(created),
      });
      await emit(tx, this.ctx, 'team.created', { teamId: id });
      return this.presentTeam(created);
    });
  }

  async updateTeam(id: string, input: TeamUpdate): Promise<Team> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findTeam(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const name = input.name?.trim() || before.name;
      const memberIds = input.memberIds ? [...new Set(input.memberIds)] : before.members.map((m) => m.userId);
      const leadId = input.leadId === undefined ? before.leadId : input.leadId;
      const errs = await this.checkTeam(repo, name, memberIds, leadId, id);
      if (errs.length) throw invalidFields(errs);
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.updateTeam({ id, name, leadId }, before.version, now))) throw new AppError('conflict');
      if (input.memberIds) await repo.setMembers(id, memberIds);
      const after = (await repo.findTeam(id)) as TeamRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'team',
        entityId: id,
        action: 'updated',
        before: auditedTeam(before),
        after: auditedTeam(after),
      });
      await emit(tx, this.ctx, 'team.updated', { teamId: id });
      return this.presentTeam(after);
    });
  }

  /** Deletes a team: its cases keep their assignee and lose the team. A team a rule routes to is in use. */
  async deleteTeam(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findTeam(id);
      if (!before) throw new AppError('not_found');
      if ((await repo.rulesOfTeam(id)) > 0) throw invalidFields([fieldError('teamId', 'in_use')]);
      await repo.deleteTeam(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'team',
        entityId: id,
        action: 'deleted',
        before: auditedTeam(before),
      });
      await emit(tx, this.ctx, 'team.deleted', { teamId: id });
    });
  }

  /* Assignment rules */

  async listRules(): Promise<AssignmentRule[]> {
    return (await this.repo().listRules()).map((r) => this.presentRule(r));
  }

  async getRule(id: string): Promise<AssignmentRule> {
    const r = await this.repo().findRule(id);
    if (!r) throw new AppError('not_found');
    return this.presentRule(r);
  }

  private async checkRule(repo: TeamsRepository, w: RuleWrite): Promise<FieldError[]> {
    const errs: FieldError[] = [];
    if (w.teamId && !(await repo.teamExists(w.teamId))) errs.push(fieldError('teamId', 'unknown_reference'));
    if (w.assign === 'least_loaded' && !w.teamId) errs.push(fieldError('teamId', 'required'));
    if (w.assign === 'agent') {
      if (!w.agentId) errs.push(fieldError('agentId', 'required'));
      else {
        const status = (await repo.userStatuses([w.agentId])).get(w.agentId);
        if (!status) errs.push(fieldError('agentId', 'unknown_reference'));
        else if (status !== 'active') errs.push(fieldError('agentId', 'inactive_user'));
        else if (w.teamId && !(await repo.isMember(w.teamId, w.agentId)))
          errs.push(fieldError('agentId', 'not_team_member'));
      }
    }
    if (w.assign === 'none' && !w.teamId) errs.push(fieldError('teamId', 'required'));
    const customers = w.conditions.customerIds ?? [];
    if (customers.length) {
      for (const [i, id] of customers.entries())
        if (!(await repo.customerTier(id)))
          errs.push(fieldError(`conditions/customerIds/${i}`, 'unknown_reference'));
    }
    return errs;
  }

  async createRule(input: AssignmentRuleCreate): Promise<AssignmentRule> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const assign = input.assign ?? 'none';
      const w: RuleWrite = {
        id: newId(),
        name: input.name.trim(),
        position: (await repo.maxRulePosition()) + 1,
        active: input.active ?? true,
        conditions: cleanConditions(input.conditions ?? {}),
        teamId: input.teamId ?? null,
        assign,
        agentId: assign === 'agent' ? (input.agentId ?? null) : null,
      };
      const errs = await this.checkRule(repo, w);
      if (!w.name) errs.push(fieldError('name', 'required'));
      if (errs.length) throw invalidFields(errs);
      await repo.insertRule(w, this.ctx.clock.now().toISOString());
      const created = (await repo.findRule(w.id)) as RuleRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'assignment_rule',
        entityId: w.id,
        action: 'created',
        after: auditedRule(created),
      });
      await emit(tx, this.ctx, 'assignment_rule.created', { ruleId: w.id });
      return this.presentRule(created);
    });
  }

  async updateRule(id: string, input: AssignmentRuleUpdate): Promise<AssignmentRule> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findRule(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const assign = input.assign ?? before.assign;
      const w: RuleWrite = {
        id,
        name: input.name?.trim() || before.name,
        position: before.position,
        active: input.active ?? before.active,
        conditions: input.conditions ? cleanConditions(input.conditions) : before.conditions,
        teamId: input.teamId === undefined ? before.teamId : input.teamId,
        assign,
        agentId: assign === 'agent' ? (input.agentId === undefined ? before.agentId : input.agentId) : null,
      };
      const errs = await this.checkRule(repo, w);
      if (errs.length) throw invalidFields(errs);
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.updateRule(w, before.version, now))) throw new AppError('conflict');
      const after = (await repo.findRule(id)) as RuleRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'assignment_rule',
        entityId: id,
        action: 'updated',
        before: auditedRule(before),
        after: auditedRule(after),
      });
      await emit(tx, this.ctx, 'assignment_rule.updated', { ruleId: id });
      return this.presentRule(after);
    });
  }

  async deleteRule(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findRule(id);
      if (!before) throw new AppError('not_found');
      await repo.deleteRule(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'assignment_rule',
        entityId: id,
        action: 'deleted',
        before: auditedRule(before),
      });
      await emit(tx, this.ctx, 'assignment_rule.deleted', { ruleId: id });
    });
  }

  /** Sets the evaluation order; ids must be exactly the workspace's rules. */
  async reorderRules(input: AssignmentRuleOrder): Promise<AssignmentRule[]> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const current = await repo.listRules();
      const now = this.ctx.clock.now().toISOString();
      for (const { id, position } of positionChanges(current, input.ids))
        await repo.setRulePosition(id, position, now);
      await recordAudit(tx, this.ctx, {
        entityType: 'assignment_rule',
        entityId: this.ctx.workspace.id,
        action: 'reordered',
        changes: { order: { from: current.map((r) => r.id), to: input.ids } },
      });
      await emit(tx, this.ctx, 'assignment_rule.reordered', { ids: input.ids });
      return (await repo.listRules()).map((r) => this.presentRule(r));
    });
  }
}

/** Drops empty lists and blank words, trims words. */
function cleanConditions(c: RuleConditions): RuleConditions {
  const out: RuleConditions = {};
  if (c.tiers?.length) out.tiers = c.tiers;
  if (c.types?.length) out.types = c.types;
  if (c.severities?.length) out.severities = c.severities;
  if (c.channels?.length) out.channels = c.channels;
  if (c.customerIds?.length) out.customerIds = c.customerIds;
  const words = (c.subjectWords ?? []).map((w) => w.trim()).filter(Boolean);
  if (words.length) out.subjectWords = words;
  return out;
}
