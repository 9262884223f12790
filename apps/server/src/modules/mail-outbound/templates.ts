import Mustache from 'mustache';
import type { Locale, MailBrand } from '@aftercare/contracts';
import { dateTimeFormat } from '../../platform/intl.js';

/*
 * The branded mail templates, in zh-CN and en. Each mail has an HTML part (a simple layout with inline CSS; every
 * value is HTML-escaped by mustache, except the body of a case message, which the cases module stores
 * sanitised) and a text part. Templates never take partials or user-written template text.
 */

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** What the layout shows around every mail. */
export interface LayoutData {
  brand: MailBrand;
  locale: Locale;
  caseNumber: string;
}

const LAYOUT = `<!doctype html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{title}}</title></head>
<body style="margin:0;padding:0;background:#f5f5f5;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#262626;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f5f5;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;overflow:hidden;">
<tr><td style="background:{{color}};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:600;">{{company}}</td></tr>
<tr><td style="padding:24px;font-size:14px;line-height:1.7;">{{{content}}}</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #f0f0f0;font-size:12px;color:#8c8c8c;line-height:1.6;">{{#caseNumber}}<div>{{caseLabel}} {{caseNumber}}</div>{{/caseNumber}}{{#footer}}<div>{{.}}</div>{{/footer}}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;

const ACK_HTML = {
  'zh-CN': `<p>{{#name}}{{name}}，{{/name}}您好：</p>
<p>我们已收到您的问题，工单号 <strong>{{caseNumber}}</strong>：{{subject}}</p>
{{#answerBy}}<p style="font-size:16px;"><strong>我们将在 {{answerBy}} 前答复。</strong></p>{{/answerBy}}
{{#hasHours}}<p>服务时间：</p><ul style="margin:0 0 12px;padding-left:20px;">{{#hours}}<li>{{.}}</li>{{/hours}}</ul>{{/hasHours}}
<p>如需补充信息，直接回复本邮件即可，请保留邮件标题中的工单号。</p>`,
  en: `<p>Hello{{#name}} {{name}}{{/name}},</p>
<p>we have received your request as case <strong>{{caseNumber}}</strong>: {{subject}}</p>
{{#answerBy}}<p style="font-size:16px;"><strong>We will answer by {{answerBy}}.</strong></p>{{/answerBy}}
{{#hasHours}}<p>Service hours:</p><ul style="margin:0 0 12px;padding-left:20px;">{{#hours}}<li>{{.}}</li>{{/hours}}</ul>{{/hasHours}}
<p>To add anything, just reply to this mail and keep the case number in the subject.</p>`,
};

const ACK_TEXT = {
  'zh-CN': `{{#name}}{{name}}，{{/name}}您好：

我们已收到您的问题，工单号 {{caseNumber}}：{{subject}}
{{#answerBy}}
我们将在 {{answerBy}} 前答复。
{{/answerBy}}
{{#hasHours}}
服务时间：
{{#hours}}
  {{.}}
{{/hours}}
{{/hasHours}}

如需补充信息，直接回复本邮件即可，请保留邮件标题中的工单号。`,
  en: `Hello{{#name}} {{name}}{{/name}},

we have received your request as case {{caseNumber}}: {{subject}}
{{#answerBy}}
We will answer by {{answerBy}}.
{{/answerBy}}
{{#hasHours}}
Service hours:
{{#hours}}
  {{.}}
{{/hours}}
{{/hasHours}}

To add anything, just reply to this mail and keep the case number in the subject.`,
};

const REPLY_HTML = `{{{bodyHtml}}}
{{#author}}<p style="color:#595959;">— {{author}}</p>{{/author}}`;
const REPLY_TEXT = `{{bodyText}}
{{#author}}

— {{author}}
{{/author}}`;

const TEST_HTML = {
  'zh-CN': `<p>这是一封测试邮件。收到它说明 {{company}} 的发件设置可以正常使用。</p>`,
  en: `<p>This is a test mail. Receiving it means the outgoing mail settings of {{company}} work.</p>`,
};
const TEST_TEXT = {
  'zh-CN': '这是一封测试邮件。收到它说明 {{company}} 的发件设置可以正常使用。',
  en: 'This is a test mail. Receiving it means the outgoing mail settings of {{company}} work.',
};

/** Plain-text rendering: no HTML escaping. */
const plain = (template: string, view: object) => Mustache.render(template, view, {}, { escape: (s) => s });

function layout(l: LayoutData, title: string, contentHtml: string, contentText: string) {
  const footer = l.brand.footer[l.locale]
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const caseLabel = l.locale === 'en' ? 'Case' : '工单号';
  const html = Mustache.render(LAYOUT, {
    lang: l.locale,
    title,
    color: /^#[0-9a-fA-F]{6}$/.test(l.brand.color) ? l.brand.color : '#1677ff',
    company: l.brand.companyName,
    content: contentHtml,
    caseNumber: l.caseNumber,
    caseLabel,
    footer,
  });
  const text = [contentText.trim(), '', '--', l.brand.companyName, ...footer].join('\n');
  return { html, text };
}

/** `[T-1001] subject`, `Re: [T-1001] subject` for replies. */
export function caseSubject(caseNumber: string, subject: string, reply: boolean): string {
  return `${reply ? 'Re: ' : ''}[${caseNumber}] ${subject}`;
}

export interface AcknowledgementData {
  caseNumber: string;
  subject: string;
  contactName: string | null;
  /** The commitment in words ("11月24日 周二 10:30" / "Tue 24 Nov 10:30"), or null when none. */
  answerBy: string | null;
  hours: string[];
}

export function renderAcknowledgement(l: LayoutData, d: AcknowledgementData): RenderedMail {
  const view = {
    name: d.contactName ?? '',
    caseNumber: d.caseNumber,
    subject: d.subject,
    answerBy: d.answerBy ?? '',
    hours: d.hours,
    hasHours: d.hours.length > 0,
  };
  const subject = caseSubject(d.caseNumber, d.subject, false);
  const body = layout(l, subject, Mustache.render(ACK_HTML[l.locale], view), plain(ACK_TEXT[l.locale], view));
  return { subject, ...body };
}

export interface ReplyData {
  caseNumber: string;
  subject: string;
  /** Sanitised HTML of the case message. */
  bodyHtml: string;
  bodyText: string;
  author: string | null;
}

export function renderReply(l: LayoutData, d: ReplyData): RenderedMail {
  const view = { bodyHtml: d.bodyHtml, bodyText: d.bodyText, author: d.author ?? '' };
  const subject = caseSubject(d.caseNumber, d.subject, true);
  return { subject, ...layout(l, subject, Mustache.render(REPLY_HTML, view), plain(REPLY_TEXT, view)) };
}

export function renderTestMail(l: LayoutData): RenderedMail {
  const view = { company: l.brand.companyName };
  const subject = l.locale === 'en' ? 'Aftercare test mail' : 'Aftercare 测试邮件';
  return {
    subject,
    ...layout(l, subject, Mustache.render(TEST_HTML[l.locale], view), plain(TEST_TEXT[l.locale], view)),
  };
}

/**
 * A commitment time in the customer's words, in the calendar's time zone:
 * "11月24日 周二 10:30" / "Tue 24 Nov 10:30".
 */
export function formatCommitment(iso: string, locale: Locale, timeZone: string): string {
  const parts = dateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    weekday: 'short',
    month: locale === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return locale === 'en'
    ? `${p('weekday')} ${p('day')} ${p('month')} ${p('hour')}:${p('minute')}`
    : `${p('month')}月${p('day')}日 ${p('weekday')} ${p('hour')}:${p('minute')}`;
}

/** The steps of a return that are told to its contact. */
export type ReturnMailStep =
  | 'created'
  | 'needs_info'
  | 'approved'
  | 'rejected'
  | 'appealed'
  | 'pickup_scheduled'
  | 'shipped'
  | 'received'
  | 'inspected'
  | 'refunded'
  | 'replacement_ordered'
  | 'repair_opened'
  | 'cancelled';

const RETURN_TITLES: Record<ReturnMailStep, Record<Locale, string>> = {
  created: { 'zh-CN': '退货申请已收到', en: 'We have received your return request' },
  needs_info: { 'zh-CN': '退货申请需要补充信息', en: 'Your return request needs more information' },
  approved: { 'zh-CN': '退货申请已同意', en: 'Your return request is approved' },
  rejected: { 'zh-CN': '退货申请未获同意', en: 'Your return request is declined' },
  appealed: { 'zh-CN': '已收到您的申诉', en: 'We have received your appeal' },
  pickup_scheduled: { 'zh-CN': '已安排上门取件', en: 'A pickup is scheduled' },
  shipped: { 'zh-CN': '已登记退回物流单号', en: 'Your tracking number is recorded' },
  received: { 'zh-CN': '退回的货物已收到', en: 'We have received the goods' },
  inspected: { 'zh-CN': '退回的货物已检验', en: 'The goods are inspected' },
  refunded: { 'zh-CN': '退款已办理', en: 'Your refund is issued' },
  replacement_ordered: { 'zh-CN': '换货订单已下达', en: 'A replacement is ordered' },
  repair_opened: { 'zh-CN': '维修工单已创建', en: 'A repair case is opened' },
  cancelled: { 'zh-CN': '退货申请已取消', en: 'Your return request is cancelled' },
};

const RETURN_LINES: Record<ReturnMailStep, Record<Locale, string>> = {
  created: {
    'zh-CN':
      '我们已收到您的退货申请 {{number}}，相关部门正在同时审核。{{#dueAt}}我们将在 {{dueAt}} 前给您明确答复。{{/dueAt}}',
    en: 'We have received your return request {{number}}; the departments concerned are reviewing it together.{{#dueAt}} You will have a clear answer by {{dueAt}}.{{/dueAt}}',
  },
  needs_info: {
    'zh-CN':
      '审核退货申请 {{number}} 时，我们需要您补充信息。{{#comment}}说明：{{comment}}{{/comment}} 请在客户门户中回复。',
    en: 'To review your return request {{number}} we need more information.{{#comment}} Note: {{comment}}{{/comment}} Please answer in the customer portal.',
  },
  approved: {
    'zh-CN':
      '您的退货申请 {{number}} 已同意。{{#pickup}}我们会安排上门取件，时间确定后另行通知。{{/pickup}}{{#sendBack}}请将货物寄回，并在客户门户中填写物流单号。{{/sendBack}}{{#refund}}预计退款金额：{{refund}}。{{/refund}}',
    en: 'Your return request {{number}} is approved.{{#pickup}} We will arrange a pickup and tell you its time.{{/pickup}}{{#sendBack}} Please send the goods back and enter the tracking number in the customer portal.{{/sendBack}}{{#refund}} Expected refund: {{refund}}.{{/refund}}',
  },
  rejected: {
    'zh-CN':
      '很抱歉，您的退货申请 {{number}} 未获同意。{{#canAppeal}}如有异议，可在客户门户中申诉一次。{{/canAppeal}}',
    en: 'We are sorry: your return request {{number}} is declined.{{#canAppeal}} If you disagree, you may appeal once in the customer portal.{{/canAppeal}}',
  },
  appealed: {
    'zh-CN':
      '我们已收到您对退货申请 {{number}} 的申诉，将重新审核。{{#dueAt}}我们将在 {{dueAt}} 前答复。{{/dueAt}}',
    en: 'We have received your appeal on return request {{number}} and will review it again.{{#dueAt}} You will have an answer by {{dueAt}}.{{/dueAt}}',
  },
  pickup_scheduled: {
    'zh-CN':
      '退货 {{number}} 已安排上门取件{{#pickupAt}}，时间：{{pickupAt}}{{/pickupAt}}。取件前您仍可取消申请。',
    en: 'A pickup is scheduled for return {{number}}{{#pickupAt}} on {{pickupAt}}{{/pickupAt}}. You can still cancel before the pickup.',
  },
  shipped: {
    'zh-CN': '退货 {{number}} 的物流单号 {{trackingNumber}} 已登记，我们收到货物后会通知您。',
    en: 'The tracking number {{trackingNumber}} of return {{number}} is recorded; we will tell you when the goods arrive.',
  },
  received: {
    'zh-CN': '我们已收到退货 {{number}} 的货物，接下来进行检验。',
    en: 'We have received the goods of return {{number}} and will now inspect them.',
  },
  inspected: {
    'zh-CN':
      '退货 {{number}} 的货物已检验{{#passed}}，检验合格{{/passed}}{{^passed}}，发现问题，我们会与您联系{{/passed}}。',
    en: 'The goods of return {{number}} are inspected{{#passed}} and passed{{/passed}}{{^passed}}; we found a problem and will contact you{{/passed}}.',
  },
  refunded: {
    'zh-CN': '退货 {{number}} 的退款已办理{{#refund}}，金额 {{refund}}{{/refund}}。',
    en: 'The refund of return {{number}} is issued{{#refund}}: {{refund}}{{/refund}}.',
  },
  replacement_ordered: {
    'zh-CN': '退货 {{number}} 的换货订单已下达，我们会尽快发货。',
    en: 'A replacement for return {{number}} is ordered and will ship soon.',
  },
  repair_opened: {
    'zh-CN': '已为退货 {{number}} 创建维修工单，维修进展将另行通知。',
    en: 'A repair case is opened for return {{number}}; we will keep you posted on the repair.',
  },
  cancelled: {
    'zh-CN': '退货申请 {{number}} 已取消。{{#comment}}原因：{{comment}}{{/comment}}',
    en: 'Return request {{number}} is cancelled.{{#comment}} Reason: {{comment}}{{/comment}}',
  },
};

export interface ReturnStepData {
  step: ReturnMailStep;
  number: string;
  contactName: string | null;
  dueAt?: string | null;
  comment?: string | null;
  /** The reasons of a decision, per department. */
  reasons?: Array<{ department: string; comment: string | null }>;
  logistics?: string | null;
  refund?: string | null;
  canAppeal?: boolean;
  pickupAt?: string | null;
  trackingNumber?: string | null;
  passed?: boolean;
  /** The return in the customer portal. */
  link: string;
}

const RETURN_HTML = {
  'zh-CN': `<p>{{#name}}{{name}}，{{/name}}您好：</p>
<p>{{line}}</p>
{{#hasReasons}}<p>各部门意见：</p><ul style="margin:0 0 12px;padding-left:20px;">{{#reasons}}<li><strong>{{department}}</strong>{{#comment}}：{{comment}}{{/comment}}</li>{{/reasons}}</ul>{{/hasReasons}}
<p><a href="{{link}}" style="color:#1677ff;">在客户门户中查看进度</a></p>`,
  en: `<p>Hello{{#name}} {{name}}{{/name}},</p>
<p>{{line}}</p>
{{#hasReasons}}<p>The departments' reasons:</p><ul style="margin:0 0 12px;padding-left:20px;">{{#reasons}}<li><strong>{{department}}</strong>{{#comment}}: {{comment}}{{/comment}}</li>{{/reasons}}</ul>{{/hasReasons}}
<p><a href="{{link}}" style="color:#1677ff;">Follow every step in the customer portal</a></p>`,
};

const RETURN_TEXT = {
  'zh-CN': `{{#name}}{{name}}，{{/name}}您好：

{{line}}
{{#hasReasons}}

各部门意见：
{{#reasons}}
  {{department}}{{#comment}}：{{comment}}{{/comment}}
{{/reasons}}
{{/hasReasons}}

在客户门户中查看进度：{{link}}`,
  en: `Hello{{#name}} {{name}}{{/name}},

{{line}}
{{#hasReasons}}

The departments' reasons:
{{#reasons}}
  {{department}}{{#comment}}: {{comment}}{{/comment}}
{{/reasons}}
{{/hasReasons}}

Follow every step in the customer portal: {{link}}`,
};

/** `[R-1001] 退货申请已同意` — one mail per customer-visible step of a return, in the branded layout. */
export function renderReturnStep(l: LayoutData, d: ReturnStepData): RenderedMail {
  const reasons = (d.reasons ?? []).filter((r) => r.department || r.comment);
  const lineView = {
    number: d.number,
    dueAt: d.dueAt ?? '',
    comment: d.comment ?? '',
    pickup: d.logistics === 'pickup',
    sendBack: d.logistics === 'send_back',
    refund: d.refund ?? '',
    canAppeal: d.canAppeal === true,
    pickupAt: d.pickupAt ?? '',
    trackingNumber: d.trackingNumber ?? '',
    passed: d.passed === true,
  };
  // The line is plain text (mustache escapes it again when it goes into the HTML).
  const line = plain(RETURN_LINES[d.step][l.locale], lineView);
  const view = { name: d.contactName ?? '', line, reasons, hasReasons: reasons.length > 0, link: d.link };
  const subject = `[${d.number}] ${RETURN_TITLES[d.step][l.locale]}`;
  return {
    subject,
    ...layout(l, subject, Mustache.render(RETURN_HTML[l.locale], view), plain(RETURN_TEXT[l.locale], view)),
  };
}
