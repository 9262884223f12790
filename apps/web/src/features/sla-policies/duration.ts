/**
 * Service time as people type it: "30m", "4h", "1h30m", "1d 2h", "2:30" (hours:minutes) or a bare number of
 * minutes; Chinese units (天 / 小时 / 分钟) too. A day is 24 service hours. Returns whole minutes, or null
 * when the text is not a duration.
 */
const UNIT: Record<string, number> = {
  d: 1440,
  天: 1440,
  h: 60,
  小时: 60,
  时: 60,
  m: 1,
  min: 1,
  分钟: 1,
  分: 1,
};

export function parseServiceTime(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const part = /(\d+(?:\.\d+)?)(min|分钟|小时|[dhm天时分])/gy;
  let total = 0;
  let end = 0;
  for (let m = part.exec(s); m; m = part.exec(s)) {
    total += Number(m[1]) * (UNIT[m[2] ?? ''] ?? 0);
    end = part.lastIndex;
  }
  if (end !== s.length) return null;
  return Math.round(total);
}

/** Minutes as "1d 2h 30m" (the form parseServiceTime reads back). */
export function formatServiceTime(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}
