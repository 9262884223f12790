import Mustache from 'mustache';
import type { Locale, MailBrand } from '@aftercare/contracts';

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
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
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
