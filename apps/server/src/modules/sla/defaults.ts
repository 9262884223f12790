import type { Locale, PolicyConditions, PolicyTargets } from '@aftercare/contracts';
import type { ServiceCalendarSpec } from '../../platform/calendar/index.js';

/** What every workspace starts with: two calendars and two policies (pure data; migration 0004 keeps a frozen copy). */
export interface DefaultCalendar {
  key: 'standard' | 'always';
  name: string;
  spec: ServiceCalendarSpec;
  isDefault: boolean;
}

export interface DefaultPolicy {
  name: string;
  calendar: DefaultCalendar['key'];
  conditions: PolicyConditions;
  targets: PolicyTargets;
}

export const DEFAULT_WARN_AT = [0.75, 0.9];

const t = (firstResponse: number, nextResponse: number, resolution: number) => ({
  firstResponse,
  nextResponse,
  resolution,
});

const STANDARD_TARGETS: PolicyTargets = {
  S1: t(60, 120, 960),
  S2: t(120, 240, 1920),
  S3: t(240, 480, 2880),
  S4: t(480, 960, 4800),
};

export function defaultCalendars(locale: Locale, timeZone: string): DefaultCalendar[] {
  const split = [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ];
  const all = [{ start: '00:00', end: '24:00' }];
  return [
    {
      key: 'standard',
      name: locale === 'en' ? 'Standard hours' : '标准服务时间',
      spec: { timeZone, weekly: [[], split, split, split, split, split, []], useChinaOfficial: true },
      isDefault: true,
    },
    {
      key: 'always',
      name: '7×24',
      spec: { timeZone, weekly: [all, all, all, all, all, all, all] },
      isDefault: false,
    },
  ];
}

export function defaultPolicies(locale: Locale): DefaultPolicy[] {
  return [
    {
      name: locale === 'en' ? 'Platinum S1, around the clock' : '白金客户 S1（7×24）',
      calendar: 'always',
      conditions: { tiers: ['platinum'], severities: ['S1'] },
      targets: { ...STANDARD_TARGETS, S1: t(30, 60, 240) },
    },
    {
      name: locale === 'en' ? 'Standard' : '标准服务',
      calendar: 'standard',
      conditions: {},
      targets: STANDARD_TARGETS,
    },
  ];
}
