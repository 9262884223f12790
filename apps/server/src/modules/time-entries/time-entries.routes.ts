import {
  CaseTime,
  Ok,
  TimeEntry,
  TimeEntryCreate,
  TimeEntryParams,
  TimeEntryQuery,
  TimeEntryUpdate,
  TimeReport,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { TimeEntriesService } from './time-entries.service.js';

const CaseParams = Type.Object({ caseId: Uuid });
const module = 'helpdesk' as const;

/** Time tracking per case, and the time report across cases. */
export async function timeEntryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['time'];
  const read = { access: access.staff('cases.read'), module };
  const write = { access: access.staff('cases.write'), module };
  app.get(
    '/cases/:caseId/time',
    {
      config: read,
      schema: {
        tags,
        summary: 'Time entries of a case with billable / non-billable totals',
        params: CaseParams,
        response: { 200: CaseTime, ...errors },
      },
    },
    (req) => new TimeEntriesService(contextOf(req)).forCase(req.params.caseId),
  );
  app.post(
    '/cases/:caseId/time',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record time worked on a case (1–1440 minutes), as the signed-in agent',
        params: CaseParams,
        body: TimeEntryCreate,
        response: { 201: TimeEntry, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await new TimeEntriesService(contextOf(req)).create(req.params.caseId, req.body)),
  );
  app.patch(
    '/cases/:caseId/time/:entryId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an entry (your own; anyone’s with time.manage); send the version you read',
        params: TimeEntryParams,
        body: TimeEntryUpdate,
        response: { 200: TimeEntry, ...errors },
      },
    },
    (req) => new TimeEntriesService(contextOf(req)).update(req.params.caseId, req.params.entryId, req.body),
  );
  app.delete(
    '/cases/:caseId/time/:entryId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete an entry (your own; anyone’s with time.manage)',
        params: TimeEntryParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new TimeEntriesService(contextOf(req)).delete(req.params.caseId, req.params.entryId);
      return { ok: true };
    },
  );
  app.get(
    '/time-entries',
    {
      config: read,
      schema: {
        tags,
        summary: 'Time report: entries filtered by agent, customer and dates worked (inclusive), with totals',
        querystring: TimeEntryQuery,
        response: { 200: TimeReport, ...errors },
      },
    },
    (req) => new TimeEntriesService(contextOf(req)).report(req.query),
  );
  app.get(
    '/time-entries/export',
    {
      config: read,
      schema: {
        tags,
        summary: 'The time report as CSV (same filters)',
        querystring: TimeEntryQuery,
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const csv = await new TimeEntriesService(contextOf(req)).csv(req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="time-entries.csv"')
        .send(csv);
    },
  );
}
