import {
  ImportResult,
  Order,
  OrderCreate,
  OrderImportQuery,
  OrderImportTemplateQuery,
  OrderQuery,
  OrderUpdate,
  Page,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { fieldError, invalidFields } from '../../platform/http/errors.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { OrdersService } from './orders.service.js';
import { OrderImportService } from './order-import.service.js';
import { orderImportTemplate } from './order-import.template.js';

const Params = Type.Object({ orderId: Uuid });

export async function orderRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orders'];
  app.get(
    '/orders',
    {
      config: { access: access.staff('orders.read') },
      schema: {
        tags,
        summary: 'Orders (without lines): search (number, external reference, customer), filter, sort, page',
        querystring: OrderQuery,
        response: { 200: Page(Order), ...errors },
      },
    },
    (req) => new OrdersService(contextOf(req)).list(req.query),
  );
  app.post(
    '/orders',
    {
      config: { access: access.staff('orders.write') },
      schema: {
        tags,
        summary:
          'Create an order with its lines; every serial number becomes an installed-base asset (warranty from the order date)',
        body: OrderCreate,
        response: { 201: Order, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new OrdersService(contextOf(req)).create(req.body)),
  );
  app.post(
    '/orders/import',
    {
      config: { access: access.staff('orders.import') },
      schema: {
        tags,
        summary:
          'Import orders from a CSV or XLSX file (multipart, field "file"), all or nothing; dryRun=true only checks',
        description:
          'Columns: order_ref, customer_code, ordered_at, sku, edition_code, quantity, unit_price, currency, ' +
          'serial_numbers (see GET /orders/import/template). Any bad row: 422 import_failed with every row ' +
          'error in details, and nothing is written. A file that is not CSV/XLSX: 422 file_unreadable.',
        consumes: ['multipart/form-data'],
        querystring: OrderImportQuery,
        response: { 200: ImportResult, ...errors },
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file || file.fieldname !== 'file') throw invalidFields([fieldError('file', 'required')]);
      const content = await file.toBuffer();
      return new OrderImportService(contextOf(req)).run(content, file.filename, req.query.dryRun ?? false);
    },
  );
  app.get(
    '/orders/import/template',
    {
      config: { access: access.staff('orders.import') },
      schema: {
        tags,
        summary: 'Download an import template (CSV or XLSX): the header row and one example row',
        querystring: OrderImportTemplateQuery,
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const file = await orderImportTemplate(req.query.format ?? 'csv', req.locale);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    '/orders/:orderId',
    {
      config: { access: access.staff('orders.read') },
      schema: { tags, params: Params, response: { 200: Order, ...errors } },
    },
    (req) => new OrdersService(contextOf(req)).get(req.params.orderId),
  );
  app.patch(
    '/orders/:orderId',
    {
      config: { access: access.staff('orders.write') },
      schema: {
        tags,
        summary: 'Update status or external reference; send the version you read (409 when stale)',
        params: Params,
        body: OrderUpdate,
        response: { 200: Order, ...errors },
      },
    },
    (req) => new OrdersService(contextOf(req)).update(req.params.orderId, req.body),
  );
  historyRoute(app, {
    path: '/orders/:orderId/history',
    param: 'orderId',
    entityType: 'order',
    permission: 'orders.read',
    tags,
    exists: (ctx, id) => new OrdersService(ctx).exists(id),
  });
}
