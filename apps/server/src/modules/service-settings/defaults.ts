import type {
  CasePriority,
  CaseSeverity,
  CustomerTier,
  RootCause,
  SeverityDefinitions,
  ServiceSettingsUpdate,
} from '@aftercare/contracts';

/** The settings a workspace has until an admin saves its own (stored lazily). */
export type ServiceSettingsData = Omit<ServiceSettingsUpdate, 'version'>;

const DEFAULT_SEVERITIES: SeverityDefinitions = {
  S1: {
    name: { 'zh-CN': '紧急', en: 'Critical' },
    description: {
      'zh-CN': '生产停止或设备完全无法使用，没有临时办法。',
      en: 'Production is down or the equipment cannot be used at all, with no workaround.',
    },
  },
  S2: {
    name: { 'zh-CN': '严重', en: 'Major' },
    description: {
      'zh-CN': '主要功能受损，业务明显受影响，有临时办法但代价较大。',
      en: 'A major function is impaired and the business is clearly affected; a workaround is costly.',
    },
  },
  S3: {
    name: { 'zh-CN': '一般', en: 'Minor' },
    description: {
      'zh-CN': '部分功能异常，影响有限，有可行的临时办法。',
      en: 'Part of a function misbehaves with limited impact; a workable workaround exists.',
    },
  },
  S4: {
    name: { 'zh-CN': '咨询', en: 'Low' },
    description: {
      'zh-CN': '使用咨询、建议或不影响使用的小问题。',
      en: 'A question, a suggestion or a cosmetic problem that does not affect use.',
    },
  },
};

const DEFAULT_ROOT_CAUSES: RootCause[] = [
  { key: 'product_defect', name: { 'zh-CN': '产品缺陷', en: 'Product defect' } },
  { key: 'service_delay', name: { 'zh-CN': '服务响应不及时', en: 'Slow service' } },
  { key: 'staff_attitude', name: { 'zh-CN': '服务态度', en: 'Staff conduct' } },
  { key: 'communication', name: { 'zh-CN': '沟通不到位', en: 'Poor communication' } },
  { key: 'logistics', name: { 'zh-CN': '物流或备件', en: 'Logistics or spare parts' } },
  { key: 'other', name: { 'zh-CN': '其他', en: 'Other' } },
];

export function defaultServiceSettings(): ServiceSettingsData {
  return {
    reopenWindowDays: 7,
    severities: DEFAULT_SEVERITIES,
    complaints: { acknowledgementHours: 24, repeatWindowDays: 90, rootCauses: DEFAULT_ROOT_CAUSES },
    paidEscalation: {
      entitlements: { standard: 'S3', silver: 'S2', gold: 'S2', platinum: 'S1' },
      prices: { S1: 200_000, S2: 80_000, S3: 30_000 },
    },
  };
}

const SEVERITY_PRIORITY: Record<CaseSeverity, CasePriority> = {
  S1: 'urgent',
  S2: 'high',
  S3: 'normal',
  S4: 'low',
};

/** A new case's priority when none is given. */
export const priorityOf = (s: CaseSeverity): CasePriority => SEVERITY_PRIORITY[s];

const ORDER: CasePriority[] = ['low', 'normal', 'high', 'urgent'];
/** One level up (urgent stays urgent). */
export const raisedPriority = (p: CasePriority): CasePriority =>
  ORDER[Math.min(ORDER.length - 1, ORDER.indexOf(p) + 1)] ?? 'urgent';

/** The severity a customer tier may choose itself (S1 most urgent). */
export const entitlementOf = (s: ServiceSettingsData, tier: CustomerTier | undefined): CaseSeverity =>
  s.paidEscalation.entitlements[tier ?? 'standard'];

/** Whether a is more urgent than b. */
export const moreUrgent = (a: CaseSeverity, b: CaseSeverity): boolean => a < b;
