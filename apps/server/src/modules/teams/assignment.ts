import type {
  CaseChannel,
  CaseSeverity,
  CaseType,
  CustomerTier,
  FieldError,
  RuleConditions,
} from '@aftercare/contracts';
import { fieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { TeamsRepository, type RuleRecord } from './teams.repository.js';

/** What assignment rules look at on a new case. */
export interface RoutingFacts {
  customerId: string;
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  channel: CaseChannel;
}

export interface Routing {
  teamId: string | null;
  assigneeId: string | null;
  /** The rule that decided, for the case's audit entry. */
  rule: { id: string; name: string; assign: string };
}

/** Whether a rule's conditions all match (an absent list matches everything; words: any of them, any case). */
export function ruleMatches(
  c: RuleConditions,
  f: RoutingFacts & { tier: CustomerTier | undefined },
): boolean {
  const ok = <T>(list: T[] | undefined, v: T | undefined) =>
    !list || list.length === 0 || (v !== undefined && list.includes(v));
  const subject = f.subject.toLowerCase();
  return (
    ok(c.tiers, f.tier) &&
    ok(c.types, f.type) &&
    ok(c.severities, f.severity) &&
    ok(c.channels, f.channel) &&
    ok(c.customerIds, f.customerId) &&
    (!c.subjectWords?.length || c.subjectWords.some((w) => subject.includes(w.toLowerCase())))
  );
}

/**
 * Picks the active member of a team with the fewest active cases; ties go to whoever was given a case
 * automatically longest ago (never counts as longest). Locks the team row first so concurrent picks
 * serialise. Null when the team has no active member.
 */
export async function leastLoadedMember(
  repo: TeamsRepository,
  teamId: string,
  now: string,
): Promise<string | null> {
  await repo.lockTeam(teamId);
  const pick = (await repo.loadOfMembers(teamId))[0];
  if (!pick) return null;
  await repo.stamp(pick.userId, now);
  return pick.userId;
}

/**
 * Routes a new case that came without an explicit team or assignee (any channel): the first active rule
 * (by position) whose conditions match decides the team and/or agent. An agent who is no longer active is
 * skipped (the case keeps the rule's team). Null when no rule matches.
 */
export async function routeNewCase(
  tx: Executor,
  ctx: ServiceContext,
  facts: RoutingFacts,
): Promise<Routing | null> {
  const repo = new TeamsRepository(tx, ctx.workspace.id);
  const rules = await repo.listRules({ activeOnly: true });
  if (rules.length === 0) return null;
  const tier = await repo.customerTier(facts.customerId);
  const rule = rules.find((r) => ruleMatches(r.conditions, { ...facts, tier }));
  if (!rule) return null;
  return {
    teamId: rule.teamId,
    assigneeId: await agentOf(repo, rule, ctx.clock.now().toISOString()),
    rule: { id: rule.id, name: rule.name, assign: rule.assign },
  };
}

async function agentOf(repo: TeamsRepository, rule: RuleRecord, now: string): Promise<string | null> {
  if (rule.assign === 'least_loaded' && rule.teamId) return leastLoadedMember(repo, rule.teamId, now);
  if (rule.assign === 'agent' && rule.agentId) {
    const status = (await repo.userStatuses([rule.agentId])).get(rule.agentId);
    if (status !== 'active') return null;
    await repo.stamp(rule.agentId, now);
    return rule.agentId;
  }
  return null;
}

/** Checks a team reference and, with an assignee, membership: field errors (empty when fine). */
export async function checkTeamAssignment(
  tx: Executor,
  workspaceId: string,
  teamId: string | null,
  assigneeId: string | null,
): Promise<FieldError[]> {
  if (!teamId) return [];
  const repo = new TeamsRepository(tx, workspaceId);
  if (!(await repo.teamExists(teamId))) return [fieldError('teamId', 'unknown_reference')];
  if (assigneeId && !(await repo.isMember(teamId, assigneeId)))
    return [fieldError('assigneeId', 'not_team_member')];
  return [];
}
