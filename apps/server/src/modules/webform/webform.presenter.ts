import type { CaseSeverity, Commitment, Locale, WebFormSettings } from '@aftercare/contracts';
import type { WebFormSettingsRecord } from './webform.repository.js';
import { formatInstant } from '../macros/index.js';

export const DEFAULT_SETTINGS: WebFormSettingsRecord = {
  enabled: false,
  caseType: 'question',
  fields: ['company', 'phone'],
  allowedOrigins: [],
  thankYou: {
    'zh-CN': '感谢您的提交，我们已收到您的问题，工程师会尽快与您联系。',
    en: 'Thank you. We have received your request and an engineer will get back to you.',
  },
  version: 0,
};

export function formUrlOf(publicUrl: string, slug: string): string {
  return `${publicUrl}/form/${encodeURIComponent(slug)}`;
}

export function presentSettings(s: WebFormSettingsRecord, publicUrl: string, slug: string): WebFormSettings {
  const formUrl = formUrlOf(publicUrl, slug);
  return {
    enabled: s.enabled,
    caseType: s.caseType,
    fields: s.fields,
    allowedOrigins: s.allowedOrigins,
    thankYou: s.thankYou,
    formUrl,
    embedSnippet:
      `<iframe src="${formUrl}" title="Support" loading="lazy" ` +
      `style="width:100%;max-width:640px;height:820px;border:0"></iframe>`,
    version: s.version,
  };
}

/** "工单 T-1001 已创建。我们将在 11月24日周二 10:30 前答复您。" and the published hours when closed now. */
export function receiptMessage(
  caseNumber: string,
  c: Commitment | null,
  locale: Locale,
  capped: { wanted: CaseSeverity; severity: CaseSeverity } | null = null,
): string {
  const en = locale === 'en';
  const parts = [en ? `Your case number is ${caseNumber}.` : `工单 ${caseNumber} 已创建。`];
  const by = c?.answerBy ? formatInstant(c.answerBy, locale, c.timeZone) : '';
  parts.push(
    by
      ? en
        ? `We will answer by ${by}.`
        : `我们将在 ${by} 前答复您。`
      : en
        ? 'We will answer as soon as we can.'
        : '我们会尽快答复您。',
  );
  if (c && !c.openNow && c.hours.length)
    parts.push(
      en
        ? `We are outside service hours now. Service hours: ${c.hours.join('; ')} (${c.timeZone}).`
        : `当前为非服务时间。服务时间：${c.hours.join('；')}（${c.timeZone}）。`,
    );
  if (capped)
    parts.push(
      en
        ? `It was opened as ${capped.severity}, the most urgent severity your service entitles you to (not ${capped.wanted}); to have it handled as ${capped.wanted}, ask for a paid escalation in the customer portal or contact us.`
        : `工单按您的服务权益内最高的严重级别 ${capped.severity} 受理（而非 ${capped.wanted}）；如需按 ${capped.wanted} 处理，请在客户门户申请付费加急或联系我们。`,
    );
  return parts.join(en ? ' ' : '');
}
