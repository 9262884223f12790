import {
  AssignmentRule,
  AssignmentRuleCreate,
  AssignmentRuleOrder,
  AssignmentRuleUpdate,
  Ok,
  Team,
  TeamCreate,
  TeamUpdate,
  Uuid,
  Workload,
  WorkloadQuery,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { TeamsService } from './teams.service.js';
import { WorkloadService } from './workload.service.js';

const TeamParams = Type.Object({ teamId: Uuid });
const RuleParams = Type.Object({ ruleId: Uuid });
const module = 'helpdesk' as const;

/** Teams, assignment rules and the workload board (the helpdesk module). */
export async function teamRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['teams'];
  const read = { access: access.staff('cases.read'), module };
  const manage = { access: access.staff('teams.manage'), module };
  const svc = (req: FastifyRequest) => new TeamsService(contextOf(req));

  app.get(
    '/teams',
    {
      config: read,
      schema: {
        tags,
        summary: 'Teams with their members and lead',
        response: { 200: Type.Array(Team), ...errors },
      },
    },
    (req) => svc(req).listTeams(),
  );
  app.post(
    '/teams',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a team; the lead must be a member',
        body: TeamCreate,
        response: { 201: Team, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).createTeam(req.body)),
  );
  app.get(
    '/teams/:teamId',
    { config: read, schema: { tags, params: TeamParams, response: { 200: Team, ...errors } } },
    (req) => svc(req).getTeam(req.params.teamId),
  );
  app.patch(
    '/teams/:teamId',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Rename, change members (the whole list) or lead; send the version you read (409 when stale)',
        params: TeamParams,
        body: TeamUpdate,
        response: { 200: Team, ...errors },
      },
    },
    (req) => svc(req).updateTeam(req.params.teamId, req.body),
  );
  app.delete(
    '/teams/:teamId',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Delete a team (its cases keep their assignee); refused while an assignment rule routes to it',
        params: TeamParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await svc(req).deleteTeam(req.params.teamId);
      return { ok: true };
    },
  );

  app.get(
    '/assignment-rules',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Assignment rules in evaluation order (first match wins for a new case without team or assignee)',
        response: { 200: Type.Array(AssignmentRule), ...errors },
      },
    },
    (req) => svc(req).listRules(),
  );
  app.post(
    '/assignment-rules',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a rule at the end of the list',
        body: AssignmentRuleCreate,
        response: { 201: AssignmentRule, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).createRule(req.body)),
  );
  app.put(
    '/assignment-rules/order',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the evaluation order: every rule id, in the new order',
        body: AssignmentRuleOrder,
        response: { 200: Type.Array(AssignmentRule), ...errors },
      },
    },
    (req) => svc(req).reorderRules(req.body),
  );
  app.get(
    '/assignment-rules/:ruleId',
    { config: read, schema: { tags, params: RuleParams, response: { 200: AssignmentRule, ...errors } } },
    (req) => svc(req).getRule(req.params.ruleId),
  );
  app.patch(
    '/assignment-rules/:ruleId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a rule; send the version you read (409 when stale)',
        params: RuleParams,
        body: AssignmentRuleUpdate,
        response: { 200: AssignmentRule, ...errors },
      },
    },
    (req) => svc(req).updateRule(req.params.ruleId, req.body),
  );
  app.delete(
    '/assignment-rules/:ruleId',
    { config: manage, schema: { tags, params: RuleParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await svc(req).deleteRule(req.params.ruleId);
      return { ok: true };
    },
  );

  app.get(
    '/workload',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Workload board: each active agent’s active cases by customer and status, and next deadlines',
        querystring: WorkloadQuery,
        response: { 200: Workload, ...errors },
      },
    },
    (req) => new WorkloadService(contextOf(req)).board(req.query),
  );
}
