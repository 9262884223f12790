import {
  CalendarIcsImport,
  CalendarPreview,
  CalendarPreviewQuery,
  Ok,
  ServiceCalendar,
  ServiceCalendarCreate,
  ServiceCalendarUpdate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { CalendarsService } from './calendars.service.js';

const Params = Type.Object({ calendarId: Uuid });
const module = 'helpdesk' as const;

/** Service calendars (settings of the helpdesk module). */
export async function calendarRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sla'];
  const read = { access: access.staff('cases.read'), module };
  const manage = { access: access.staff('sla.manage'), module };
  const svc = (req: Parameters<typeof contextOf>[0]) => new CalendarsService(contextOf(req));
  app.get(
    '/calendars',
    {
      config: read,
      schema: {
        tags,
        summary: 'Service calendars',
        response: { 200: Type.Array(ServiceCalendar), ...errors },
      },
    },
    (req) => svc(req).list(),
  );
  app.post(
    '/calendars',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a service calendar',
        description: 'Semantic errors of the spec (overlaps, unknown zone, bad dates) come as fields spec/….',
        body: ServiceCalendarCreate,
        response: { 201: ServiceCalendar, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).create(req.body)),
  );
  app.get(
    '/calendars/:calendarId',
    {
      config: read,
      schema: { tags, params: Params, response: { 200: ServiceCalendar, ...errors } },
    },
    (req) => svc(req).get(req.params.calendarId),
  );
  app.patch(
    '/calendars/:calendarId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a calendar; send the version you read (409 when stale)',
        params: Params,
        body: ServiceCalendarUpdate,
        response: { 200: ServiceCalendar, ...errors },
      },
    },
    (req) => svc(req).update(req.params.calendarId, req.body),
  );
  app.delete(
    '/calendars/:calendarId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a calendar no policy or case uses (the default cannot be deleted)',
        params: Params,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await svc(req).delete(req.params.calendarId);
      return { ok: true };
    },
  );
  app.post(
    '/calendars/:calendarId/import-ics',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Merge the holidays and working days (调休) of an iCalendar file into the calendar',
        description:
          'All-day events become holidays, events whose summary contains 班 / workday become working days. ' +
          'An imported date replaces what the calendar said about it.',
        params: Params,
        body: CalendarIcsImport,
        response: { 200: ServiceCalendar, ...errors },
      },
    },
    (req) => svc(req).importIcs(req.params.calendarId, req.body),
  );
  app.get(
    '/calendars/:calendarId/preview',
    {
      config: read,
      schema: {
        tags,
        summary: 'Opening hours per local date (holidays and adjusted working days resolved)',
        params: Params,
        querystring: CalendarPreviewQuery,
        response: { 200: CalendarPreview, ...errors },
      },
    },
    (req) => svc(req).preview(req.params.calendarId, req.query),
  );
}
