import {
  Ok,
  Page,
  PortalReturn,
  PortalReturnCreate,
  PortalReturnReason,
  PortalReturnSummary,
  ReturnAppealInput,
  ReturnCancelInput,
  ReturnCompleteInput,
  ReturnCreate,
  ReturnInfoInput,
  ReturnInspectInput,
  ReturnPickupInput,
  ReturnPolicy,
  ReturnPolicyCreate,
  ReturnPolicyUpdate,
  ReturnPortalQuery,
  ReturnQueue,
  ReturnQuery,
  ReturnReason,
  ReturnReasonCreate,
  ReturnReasonUpdate,
  ReturnReport,
  ReturnRequest,
  ReturnReviewInput,
  ReturnShipInput,
  ReturnSummary,
  Uuid,
} from '@aftercare/contracts';
import { Type, type TSchema } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { ReturnsService } from './returns.service.js';
import { returnReport } from './returns.report.js';

const ReturnParams = Type.Object({ returnId: Uuid });
const PhotoParams = Type.Object({ returnId: Uuid, photoId: Uuid });

/** A photo: the re-encoded image, inline for an <img>, never sniffed, run or framed. */
function sendPhoto(reply: FastifyReply, content: Buffer): FastifyReply {
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .header('content-type', 'image/webp')
    .header('content-disposition', 'inline; filename="photo.webp"')
    .send(content);
}
const photoDescription = 'The photo re-encoded as WebP; 404 unless it is one of this return’s photos.';

const ReviewParams = Type.Object({ returnId: Uuid, departmentId: Uuid });
const PolicyParams = Type.Object({ returnPolicyId: Uuid });
const ReasonParams = Type.Object({ returnReasonId: Uuid });
const module = 'returns' as const;

/** Staff: policies, the reason catalogue, department queues, verdicts and the logistics steps. */
export async function returnRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['returns'];
  const service = (req: Parameters<typeof contextOf>[0]) => new ReturnsService(contextOf(req));
  const review = access.staff('returns.review');
  const manage = access.staff('returns.manage');

  app.get(
    '/return-policies',
    {
      config: { access: review, module },
      schema: {
        tags,
        summary: 'Return policies (default and per product category)',
        response: { 200: Type.Array(ReturnPolicy), ...errors },
      },
    },
    (req) => service(req).listPolicies(),
  );
  app.post(
    '/return-policies',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary: 'Add a return policy: reviewing departments, combine rule, deadlines in service hours',
        body: ReturnPolicyCreate,
        response: { 201: ReturnPolicy, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).createPolicy(req.body)),
  );
  app.put(
    '/return-policies/:returnPolicyId',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary:
          'Change a policy (version checked); returns already under review keep the rule they started with',
        params: PolicyParams,
        body: ReturnPolicyUpdate,
        response: { 200: ReturnPolicy, ...errors },
      },
    },
    (req) => service(req).updatePolicy(req.params.returnPolicyId, req.body),
  );
  app.delete(
    '/return-policies/:returnPolicyId',
    {
      config: { access: manage, module },
      schema: { tags, summary: 'Delete a policy', params: PolicyParams, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await service(req).deletePolicy(req.params.returnPolicyId);
      return { ok: true };
    },
  );

  app.get(
    '/return-reasons',
    {
      config: { access: review, module },
      schema: {
        tags,
        summary: 'The reason catalogue',
        response: { 200: Type.Array(ReturnReason), ...errors },
      },
    },
    (req) => service(req).listReasons(),
  );
  app.post(
    '/return-reasons',
    {
      config: { access: manage, module },
      schema: { tags, body: ReturnReasonCreate, response: { 201: ReturnReason, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await service(req).createReason(req.body)),
  );
  app.put(
    '/return-reasons/:returnReasonId',
    {
      config: { access: manage, module },
      schema: {
        tags,
        params: ReasonParams,
        body: ReturnReasonUpdate,
        response: { 200: ReturnReason, ...errors },
      },
    },
    (req) => service(req).updateReason(req.params.returnReasonId, req.body),
  );

  app.get(
    '/returns',
    {
      config: { access: review, module },
      schema: {
        tags,
        summary:
          'Return requests: a department’s queue with departmentId (and pendingOnly); reviewers see their departments’ returns, leads and managers all',
        querystring: ReturnQuery,
        response: { 200: Page(ReturnSummary), ...errors },
      },
    },
    (req) => service(req).list(req.query),
  );
  app.get(
    '/returns/queues',
    {
      config: { access: review, module },
      schema: {
        tags,
        summary:
          'The department queues you may open (your departments; every reviewing one for leads and managers)',
        response: { 200: Type.Array(ReturnQueue), ...errors },
      },
    },
    (req) => service(req).queues(),
  );
  app.post(
    '/returns',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary: 'Start a return for a customer (optionally from a case)',
        body: ReturnCreate,
        response: { 201: ReturnRequest, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/returns/:returnId',
    {
      config: { access: review, module },
      schema: { tags, params: ReturnParams, response: { 200: ReturnRequest, ...errors } },
    },
    (req) => service(req).get(req.params.returnId),
  );
  app.get(
    '/returns/:returnId/photos/:photoId',
    {
      config: { access: review, module },
      schema: { tags, description: photoDescription, params: PhotoParams, response: { ...errors } },
    },
    async (req, reply) => sendPhoto(reply, await service(req).photo(req.params.returnId, req.params.photoId)),
  );
  app.post(
    '/returns/:returnId/reviews/:departmentId',
    {
      config: { access: review, module },
      schema: {
        tags,
        summary:
          'A department’s verdict (approved / rejected / needs_info) with comment and conditions; only members of that department (403 otherwise)',
        params: ReviewParams,
        body: ReturnReviewInput,
        response: { 200: ReturnRequest, ...errors },
      },
    },
    (req) => service(req).review(req.params.returnId, req.params.departmentId, req.body),
  );
  const step = <B extends object>(
    path: string,
    summary: string,
    body: TSchema,
    run: (s: ReturnsService, id: string, b: B) => Promise<void>,
  ) =>
    app.post(
      `/returns/:returnId/${path}`,
      {
        config: { access: manage, module },
        schema: { tags, summary, params: ReturnParams, body, response: { 200: ReturnRequest, ...errors } },
      },
      async (req) => {
        const s = service(req);
        await run(s, req.params.returnId, req.body as B);
        return s.get(req.params.returnId);
      },
    );
  step<ReturnInfoInput>(
    'info',
    'Answer a request for information on the customer’s behalf',
    ReturnInfoInput,
    (s, id, b) => s.provideInfo(id, b),
  );
  step<ReturnAppealInput>(
    'appeal',
    'Appeal a rejection on the customer’s behalf (once)',
    ReturnAppealInput,
    (s, id, b) => s.appeal(id, b),
  );
  step<ReturnPickupInput>('pickup', 'Schedule the pickup of the goods', ReturnPickupInput, (s, id, b) =>
    s.schedulePickup(id, b),
  );
  step<ReturnShipInput>('ship', 'The goods are on their way (tracking number)', ReturnShipInput, (s, id, b) =>
    s.ship(id, b),
  );
  step<object>('receive', 'The goods arrived', Type.Object({}, { additionalProperties: false }), (s, id) =>
    s.receive(id),
  );
  step<ReturnInspectInput>('inspect', 'The goods were inspected', ReturnInspectInput, (s, id, b) =>
    s.inspect(id, b),
  );
  step<ReturnCompleteInput>(
    'complete',
    'Carry out the outcome: refund amount, replacement order or repair case',
    ReturnCompleteInput,
    (s, id, b) => s.complete(id, b),
  );
  step<ReturnCancelInput>(
    'cancel',
    'Cancel the return (before the goods left)',
    ReturnCancelInput,
    (s, id, b) => s.cancel(id, b),
  );
  historyRoute(app, {
    path: '/returns/:returnId/history',
    param: 'returnId',
    entityType: 'return',
    permission: 'returns.review',
    tags,
    module,
    exists: (ctx, id) => new ReturnsService(ctx).exists(id),
  });
  app.get(
    '/reports/returns',
    {
      config: { access: access.staff('reports.read'), module },
      schema: {
        tags,
        summary:
          'Return rate by product and reason, decision time against the promise, approval rate per department',
        response: { 200: ReturnReport, ...errors },
      },
    },
    (req) => returnReport(contextOf(req)),
  );
}

/** The contact's side: start a return, follow it, appeal once, cancel before pickup, give a tracking number. */
export async function portalReturnRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const service = (req: Parameters<typeof contextOf>[0]) => new ReturnsService(contextOf(req));
  const contact = access.contact();
  app.get(
    '/portal/return-reasons',
    {
      config: { access: contact, module },
      schema: { tags, response: { 200: Type.Array(PortalReturnReason), ...errors } },
    },
    (req) => service(req).portalReasons(),
  );
  app.get(
    '/portal/returns',
    {
      config: { access: contact, module },
      schema: {
        tags,
        querystring: ReturnPortalQuery,
        response: { 200: Page(PortalReturnSummary), ...errors },
      },
    },
    (req) => service(req).portalList(req.query),
  );
  app.post(
    '/portal/returns',
    {
      config: { access: contact, module },
      schema: {
        tags,
        summary: 'Ask for a return: order lines or serial numbers, reason, wanted outcome, photos',
        body: PortalReturnCreate,
        response: { 201: PortalReturn, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).portalCreate(req.body)),
  );
  app.get(
    '/portal/returns/:returnId',
    {
      config: { access: contact, module },
      schema: { tags, params: ReturnParams, response: { 200: PortalReturn, ...errors } },
    },
    (req) => service(req).portalGet(req.params.returnId),
  );
  app.get(
    '/portal/returns/:returnId/photos/:photoId',
    {
      config: { access: contact, module },
      schema: { tags, description: photoDescription, params: PhotoParams, response: { ...errors } },
    },
    async (req, reply) => sendPhoto(reply, await service(req).photo(req.params.returnId, req.params.photoId)),
  );
  const act = (path: 'info' | 'appeal' | 'cancel' | 'ship', body: TSchema, summary: string) =>
    app.post(
      `/portal/returns/:returnId/${path}`,
      {
        config: { access: contact, module },
        schema: { tags, summary, params: ReturnParams, body, response: { 200: PortalReturn, ...errors } },
      },
      (req) =>
        service(req).portalAct(
          req.params.returnId,
          path,
          req.body as ReturnInfoInput | ReturnAppealInput | ReturnCancelInput | ReturnShipInput,
        ),
    );
  act('info', ReturnInfoInput, 'Answer the departments’ request for information');
  act('appeal', ReturnAppealInput, 'Appeal a rejection (once)');
  act('cancel', ReturnCancelInput, 'Cancel the return before pickup');
  act('ship', ReturnShipInput, 'I sent the goods: tracking number');
}
