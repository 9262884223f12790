import type { App } from '../src/app.js';
import { Client, sessionFrom } from './client.js';
import { createStaff, PASSWORD, unique, type Workspace } from './factories.js';
import { PNG_1PX, uploadFile } from './multipart.js';
import { dispatchOutbox } from '../src/platform/events/dispatcher.js';
import { EVENT_HANDLERS } from '../src/modules/index.js';

/** One record of every kind in a workspace, named by the route parameter that addresses it. */
export interface Records {
  customerId: string;
  otherCustomerId: string;
  contactId: string;
  productId: string;
  editionId: string;
  orderId: string;
  otherOrderId: string;
  assetId: string;
  otherAssetId: string;
  /** A case of `customerId` whose contact is `contactId`. */
  caseId: string;
  /** A case of `otherCustomerId`. */
  otherCaseId: string;
  /** The one step of `caseId`'s action plan. */
  stepId: string;
  /** The one step of `otherCaseId`'s action plan. */
  otherStepId: string;
  /** An image on a public reply of `caseId`. */
  attachmentId: string;
  /** An image on a public reply of `otherCaseId`. */
  otherAttachmentId: string;
  /** A follow-up link of `caseId` / `otherCaseId`. */
  linkId: string;
  otherLinkId: string;
  /** A checkpoint of `caseId` / `otherCaseId`. */
  checkpointId: string;
  otherCheckpointId: string;
  userId: string;
  roleId: string;
  departmentId: string;
  tokenId: string;
  token: string;
  /** The workspace's default service calendar. */
  calendarId: string;
  /** The workspace's first SLA policy. */
  policyId: string;
  /** A saved queue view of the admin, shared with the workspace. */
  viewId: string;
  /** A company-wide portal contact of `customerId`. */
  portal: Client;
  /** A team with `userId` as its member and lead. */
  teamId: string;
  /** An assignment rule routing to `teamId`. */
  ruleId: string;
  /** A shared macro. */
  macroId: string;
  /** A time entry on `caseId`. */
  entryId: string;
  /** A service contract of `customerId`. */
  contractId: string;
  /** An SMTP mail channel. */
  channelId: string;
  /** The workspace slug (the public web form's address; the form is enabled). */
  slug: string;
  /** A notification of the admin (mentioned by `userId` on `caseId`). */
  notificationId: string;
  /** A webhook endpoint (public address, never sent to: deliveries are not run). */
  webhookId: string;
  /** A group bot. */
  botId: string;
  /** A queued test delivery of `webhookId`. */
  deliveryId: string;
  /** A return reason and the default return policy (reviewed by `departmentId`). */
  returnReasonId: string;
  returnPolicyId: string;
  /** A return request of `customerId` (contact `contactId`) / of `otherCustomerId`, each with one photo. */
  returnId: string;
  otherReturnId: string;
  photoId: string;
  otherPhotoId: string;
}

async function ok<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Fills a workspace through the API, as a person would. */
export async function populate(app: App, ws: Workspace): Promise<Records> {
  const a = ws.admin;
  const tag = unique('r');
  const customer = await ok(
    a.post<{ id: string }>('/api/customers', {
      code: `${tag}-A`,
      name: `客户甲 ${tag}`,
      latitude: 31.23,
      longitude: 121.47,
      city: '上海',
    }),
    'customer',
  );
  const other = await ok(
    a.post<{ id: string }>('/api/customers', { code: `${tag}-B`, name: `客户乙 ${tag}` }),
    'other customer',
  );
  const contact = await ok(
    a.post<{ id: string }>('/api/contacts', {
      customerId: customer.id,
      name: '联系人',
      email: `${tag}@customer.example.com`,
      companyWide: true,
    }),
    'contact',
  );
  const product = await ok(
    a.post<{ id: string; editions: Array<{ id: string }> }>('/api/products', {
      sku: `${tag}-SKU`,
      name: `产品 ${tag}`,
      warrantyMonths: 12,
      editions: [{ code: 'STD', name: '标准版' }],
    }),
    'product',
  );
  const editionId = product.editions[0]?.id as string;
  const order = await ok(
    a.post<{ id: string }>('/api/orders', {
      customerId: customer.id,
      orderedAt: '2026-01-10',
      lines: [
        {
          productId: product.id,
          editionId,
          quantity: 1,
          unitPriceCents: 100000,
          serialNumbers: [`${tag}-SN1`],
        },
      ],
    }),
    'order',
  );
  const otherOrder = await ok(
    a.post<{ id: string }>('/api/orders', {
      customerId: other.id,
      orderedAt: '2026-01-11',
      lines: [
        {
          productId: product.id,
          editionId,
          quantity: 1,
          unitPriceCents: 5000,
          serialNumbers: [`${tag}-SN2`],
        },
      ],
    }),
    'other order',
  );
  const assets = await ok(
    a.get<{ items: Array<{ id: string; customerId: string }> }>(`/api/assets?pageSize=200`),
    'assets',
  );
  const asset = assets.items.find((x) => x.customerId === customer.id);
  const otherAsset = assets.items.find((x) => x.customerId === other.id);
  if (!asset || !otherAsset)
    throw new Error('serial numbers on order lines did not create installed-base assets');
  const supportCase = await ok(
    a.post<{ id: string }>('/api/cases', {
      customerId: customer.id,
      contactId: contact.id,
      subject: `工单 ${tag}`,
      body: '设备无法开机',
    }),
    'case',
  );
  const otherCase = await ok(
    a.post<{ id: string }>('/api/cases', {
      customerId: other.id,
      subject: `工单 ${tag} B`,
      body: '另一个客户的问题',
    }),
    'other case',
  );
  const planOf = async (caseId: string, what: string) =>
    (
      await ok(
        a.put<{ plan: Array<{ id: string }> }>(`/api/cases/${caseId}/plan`, {
          steps: [{ title: '重启设备', expectedResult: '设备正常开机' }],
          version: 0,
        }),
        what,
      )
    ).plan[0]?.id as string;
  const stepId = await planOf(supportCase.id, 'plan');
  const otherStepId = await planOf(otherCase.id, 'other plan');
  const fileOn = async (caseId: string, what: string) => {
    const up = await ok(
      uploadFile<{ id: string }>(a, '/api/attachments', PNG_1PX, { filename: 'a.png' }),
      what,
    );
    await ok(
      a.post(`/api/cases/${caseId}/messages`, { body: '截图', visibility: 'public', attachmentIds: [up.id] }),
      `${what} reply`,
    );
    return up.id;
  };
  const attachmentId = await fileOn(supportCase.id, 'attachment');
  const otherAttachmentId = await fileOn(otherCase.id, 'other attachment');
  const linkOf = async (caseId: string, what: string) =>
    (
      await ok(
        a.post<{ links: Array<{ id: string }> }>(`/api/cases/${caseId}/links`, {
          kind: 'follow_up',
          title: '顺带检查电源',
        }),
        what,
      )
    ).links[0]?.id as string;
  const checkpointOf = async (caseId: string, what: string) =>
    (
      await ok(
        a.post<{ checkpoints: Array<{ id: string }> }>(`/api/cases/${caseId}/checkpoints`, {
          title: '寄出备件',
          dueAt: '2030-01-15T08:00:00.000Z',
        }),
        what,
      )
    ).checkpoints[0]?.id as string;
  const linkId = await linkOf(supportCase.id, 'link');
  const otherLinkId = await linkOf(otherCase.id, 'other link');
  const checkpointId = await checkpointOf(supportCase.id, 'checkpoint');
  const otherCheckpointId = await checkpointOf(otherCase.id, 'other checkpoint');
  const staff = await createStaff(app, ws, 'agent', [{ kind: 'support' }]);
  const role = await ok(
    a.post<{ id: string }>('/api/roles', { name: `角色 ${tag}`, permissions: ['customers.read'] }),
    'role',
  );
  const department = await ok(
    a.post<{ id: string }>('/api/departments', { name: `部门 ${tag}`, kind: 'other' }),
    'department',
  );
  const token = await ok(
    a.post<{ token: { id: string }; secret: string }>('/api/api-tokens', {
      name: `token ${tag}`,
      scope: 'admin',
    }),
    'token',
  );
  const invite = await ok(
    a.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`),
    'portal invite',
  );
  const accepted = await new Client(app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  if (accepted.status !== 200)
    throw new Error(`portal accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const calendars = await ok(a.get<Array<{ id: string; isDefault: boolean }>>('/api/calendars'), 'calendars');
  const policies = await ok(a.get<Array<{ id: string }>>('/api/sla-policies'), 'policies');
  const calendarId = calendars.find((c) => c.isDefault)?.id;
  const policyId = policies[0]?.id;
  if (!calendarId || !policyId) throw new Error('a new workspace has no default calendar or SLA policy');
  const view = await ok(
    a.post<{ id: string }>('/api/case-views', { name: `视图 ${tag}`, shared: true, query: { view: 'open' } }),
    'saved view',
  );
  const team = await ok(
    a.post<{ id: string }>('/api/teams', { name: `团队 ${tag}`, memberIds: [staff.id], leadId: staff.id }),
    'team',
  );
  const rule = await ok(
    a.post<{ id: string }>('/api/assignment-rules', {
      name: `规则 ${tag}`,
      conditions: { subjectWords: [`never-${tag}`] },
      teamId: team.id,
      assign: 'least_loaded',
    }),
    'rule',
  );
  const macro = await ok(
    a.post<{ id: string }>('/api/macros', {
      name: `快捷回复 ${tag}`,
      shared: true,
      body: { 'zh-CN': '您好 {{contact.name}}', en: 'Hello {{contact.name}}' },
    }),
    'macro',
  );
  const contract = await ok(
    a.post<{ id: string }>('/api/service-contracts', {
      customerId: customer.id,
      name: `服务合同 ${tag}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
    'service contract',
  );
  const channel = await ok(
    a.post<{ id: string }>('/api/mail-channels', {
      kind: 'smtp',
      name: `邮件渠道 ${tag}`,
      address: `support-${ws.slug}@fixtures.example`,
    }),
    'mail channel',
  );
  const entry = await ok(
    a.post<{ id: string }>(`/api/cases/${supportCase.id}/time`, {
      minutes: 30,
      billable: true,
      workedOn: '2026-01-12',
    }),
    'time entry',
  );
  await ok(
    a.put('/api/webform/settings', {
      enabled: true,
      caseType: 'question',
      fields: ['company', 'phone', 'severity'],
      allowedOrigins: [],
      thankYou: { 'zh-CN': '谢谢', en: 'Thanks' },
      version: 0,
    }),
    'web form',
  );
  await ok(
    staff.client.post(`/api/cases/${supportCase.id}/messages`, {
      body: '@管理员 请确认',
      visibility: 'internal',
      mentions: [ws.me.id],
    }),
    'mention',
  );
  await dispatchOutbox(app.deps, EVENT_HANDLERS, app.deps.clock.now(), {
    workspaceIds: [ws.me.workspace.id],
  });
  const notificationId = (
    await ok(a.get<{ items: Array<{ id: string }> }>('/api/me/notifications'), 'notifications')
  ).items[0]?.id as string;
  const webhook = await ok(
    a.post<{ endpoint: { id: string } }>('/api/webhooks', {
      url: 'https://93.184.215.14/hooks/aftercare',
      eventTypes: ['case.*'],
    }),
    'webhook',
  );
  const bot = await ok(
    a.post<{ id: string }>('/api/bots', {
      name: `售后群 ${tag}`,
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fixture',
      events: ['case.created'],
    }),
    'bot',
  );
  const delivery = await ok(
    a.post<{ id: string }>(`/api/webhooks/${webhook.endpoint.id}/test`),
    'webhook delivery',
  );
  const reason = await ok(
    a.post<{ id: string }>('/api/return-reasons', {
      code: 'defect',
      label: { 'zh-CN': '质量问题', en: 'Defective' },
    }),
    'return reason',
  );
  const returnPolicy = await ok(
    a.post<{ id: string }>('/api/return-policies', {
      name: `退货规则 ${tag}`,
      departmentIds: [department.id],
      rule: 'all',
      reviewHours: 8,
      decisionHours: 16,
    }),
    'return policy',
  );
  const photos: string[] = [];
  const returnOf = async (
    customerId: string,
    contactId: string | null,
    serialNumber: string,
    what: string,
  ) => {
    const photo = await ok(
      uploadFile<{ id: string }>(a, '/api/attachments', PNG_1PX, { filename: 'photo.png' }),
      `${what} photo`,
    );
    photos.push(photo.id);
    return (
      await ok(
        a.post<{ id: string }>('/api/returns', {
          customerId,
          contactId,
          lines: [{ serialNumber, quantity: 1 }],
          reasonId: reason.id,
          outcome: 'refund',
          description: '开机异响',
          photoIds: [photo.id],
        }),
        what,
      )
    ).id;
  };
  const returnId = await returnOf(customer.id, contact.id, `${tag}-SN1`, 'return');
  const otherReturnId = await returnOf(other.id, null, `${tag}-SN2`, 'other return');
  return {
    notificationId,
    webhookId: webhook.endpoint.id,
    botId: bot.id,
    deliveryId: delivery.id,
    returnReasonId: reason.id,
    returnPolicyId: returnPolicy.id,
    returnId,
    otherReturnId,
    photoId: photos[0] as string,
    otherPhotoId: photos[1] as string,
    viewId: view.id,
    calendarId,
    policyId,
    customerId: customer.id,
    otherCustomerId: other.id,
    contactId: contact.id,
    productId: product.id,
    editionId,
    orderId: order.id,
    otherOrderId: otherOrder.id,
    assetId: asset.id,
    otherAssetId: otherAsset.id,
    caseId: supportCase.id,
    otherCaseId: otherCase.id,
    stepId,
    otherStepId,
    attachmentId,
    otherAttachmentId,
    linkId,
    otherLinkId,
    checkpointId,
    otherCheckpointId,
    userId: staff.id,
    roleId: role.id,
    departmentId: department.id,
    tokenId: token.token.id,
    token: token.secret,
    portal: new Client(app, sessionFrom(accepted)),
    teamId: team.id,
    ruleId: rule.id,
    macroId: macro.id,
    entryId: entry.id,
    contractId: contract.id,
    channelId: channel.id,
    slug: ws.slug,
  };
}

/** Fills a route path's parameters from a record map; throws for a parameter no fixture provides. */
export function fillPath(url: string, ids: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id)
      throw new Error(`No fixture for route parameter :${name} in ${url}; add one to test/fixtures.ts`);
    return id;
  });
}
