import type { Locale } from '@aftercare/contracts';

/** The texts of notifications by key, with {param} placeholders; zh-CN first. */
const TITLES: Record<string, Record<Locale, string>> = {
  case_assigned: { 'zh-CN': '工单 {number} 已分配给您', en: 'Case {number} was assigned to you' },
  customer_replied: { 'zh-CN': '客户回复了工单 {number}', en: 'The customer replied on case {number}' },
  sla_warning: {
    'zh-CN': '工单 {number} 的{kind}即将超时',
    en: 'Case {number}: the {kind} is nearly due',
  },
  sla_breached: { 'zh-CN': '工单 {number} 的{kind}已超时', en: 'Case {number}: the {kind} is overdue' },
  mentioned: { 'zh-CN': '{by} 在工单 {number} 中提到了您', en: '{by} mentioned you on case {number}' },
  checkpoint_due_soon: {
    'zh-CN': '工单 {number} 的检查点“{title}”即将到期',
    en: 'Case {number}: checkpoint “{title}” is due soon',
  },
  checkpoint_missed: {
    'zh-CN': '工单 {number} 的检查点“{title}”已逾期',
    en: 'Case {number}: checkpoint “{title}” was missed',
  },
  summary_due: {
    'zh-CN': '工单 {number} 需要发布进展摘要',
    en: 'Case {number}: a status summary is due',
  },
  return_review_waiting: {
    'zh-CN': '退货 {number} 等待您的部门审核',
    en: 'Return {number} is waiting for your department’s review',
  },
  return_info_provided: {
    'zh-CN': '退货 {number} 已补充信息，等待您的部门审核',
    en: 'Return {number}: the customer added information; your department’s review is waiting',
  },
  return_appealed: {
    'zh-CN': '退货 {number} 被申诉，等待您的部门重新审核',
    en: 'Return {number} was appealed and waits for your department’s review again',
  },
  return_review_late: {
    'zh-CN': '退货 {number}：{department}的审核已超时',
    en: 'Return {number}: the review of {department} is late',
  },
  return_escalated: {
    'zh-CN': '退货 {number} 未在承诺时间内决定，已升级给您',
    en: 'Return {number} was not decided in time and is escalated to you',
  },
  return_approved: { 'zh-CN': '退货 {number} 已同意', en: 'Return {number} is approved' },
  return_rejected: { 'zh-CN': '退货 {number} 已拒绝', en: 'Return {number} is rejected' },
};

const SLA_KINDS: Record<string, Record<Locale, string>> = {
  first_response: { 'zh-CN': '首次响应', en: 'first response' },
  next_response: { 'zh-CN': '后续响应', en: 'next response' },
  resolution: { 'zh-CN': '解决时限', en: 'resolution' },
  acknowledgement: { 'zh-CN': '受理确认', en: 'acknowledgement' },
};

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}

/** A notification's title and body in the reader's language. */
export function renderNotification(
  key: string,
  params: Record<string, string>,
  locale: Locale,
): { title: string; body: string } {
  const kind = params.kind ? (SLA_KINDS[params.kind]?.[locale] ?? params.kind) : '';
  const template = TITLES[key]?.[locale] ?? key;
  return { title: fill(template, { ...params, kind }), body: params.subject ?? '' };
}

/** The plain-text mail to a staff member for a notification. */
export function renderNotificationMail(
  key: string,
  params: Record<string, string>,
  locale: Locale,
  link: string | null,
): { subject: string; text: string } {
  const { title, body } = renderNotification(key, params, locale);
  const open = params.returnId
    ? locale === 'zh-CN'
      ? '打开退货：'
      : 'Open the return: '
    : locale === 'zh-CN'
      ? '打开工单：'
      : 'Open the case: ';
  return {
    subject: params.number ? `[${params.number}] ${title}` : title,
    text: [title, body, link ? `${open}${link}` : ''].filter(Boolean).join('\n\n') + '\n',
  };
}
