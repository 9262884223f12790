import type { Locale } from '@aftercare/contracts';
import type { ServiceCalendarSpec } from '../../platform/calendar/index.js';

const DAYS: Record<Locale, string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/**
 * The published weekly hours in plain words, Monday first, equal consecutive weekdays grouped:
 * "周一至周五 09:00–12:00、13:30–18:00" / "Mon–Fri 09:00–12:00, 13:30–18:00". Closed days are left out.
 */
export function publishedHours(spec: ServiceCalendarSpec, locale: Locale): string[] {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const text = (d: number) => {
    const shifts = spec.weekly[d] ?? [];
    if (shifts.length === 1 && shifts[0]?.start === '00:00' && shifts[0].end === '24:00')
      return locale === 'en' ? '24 hours' : '全天';
    return shifts.map((s) => `${s.start}–${s.end}`).join(locale === 'en' ? ', ' : '、');
  };
  const groups: Array<{ from: number; to: number; hours: string }> = [];
  for (const d of order) {
    const hours = text(d);
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && order.indexOf(d) === order.indexOf(last.to) + 1) last.to = d;
    else groups.push({ from: d, to: d, hours });
  }
  const names = DAYS[locale];
  return groups
    .filter((g) => g.hours !== '')
    .map((g) => {
      const days =
        g.from === g.to ? names[g.from] : `${names[g.from]}${locale === 'en' ? '–' : '至'}${names[g.to]}`;
      return `${days} ${g.hours}`;
    });
}
