import type { TFunction } from 'i18next';

/** 95 → "1 小时 35 分" / "1 h 35 min". */
export function formatMinutes(minutes: number, t: TFunction): string {
  return t('time.duration', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
