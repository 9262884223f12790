import { addServiceMinutes, compileCalendar } from '../apps/server/src/platform/calendar/index.js';
import { rng } from './text.js';

/**
 * Deadlines per second for "start + N service minutes" on an Asia/Shanghai calendar with split shifts
 * (09:00–12:00, 13:30–18:00, Mon–Fri) and the official China holidays with 调休, over random starts in 2025–2026
 * and a mix of typical SLA targets. Warm (per-day caches filled), about two seconds of work.
 */
export function calendarThroughput(): number {
  const split = [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ];
  const cal = compileCalendar({
    weekly: [[], split, split, split, split, split, []],
    useChinaOfficial: true,
  });
  const random = rng(42);
  const from = Date.UTC(2025, 0, 1);
  const to = Date.UTC(2026, 11, 1);
  const starts = Array.from({ length: 100_000 }, () => new Date(from + Math.floor(random() * (to - from))));
  const targets = [30, 60, 120, 240, 480, 1440, 2880, 10_000];
  let sink = 0;
  for (let i = 0; i < starts.length; i++)
    sink += addServiceMinutes(cal, starts[i] as Date, 480).getTime() % 7;
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 2000) {
    for (let i = 0; i < 10_000; i++) {
      const k = (ops + i) % starts.length;
      sink += addServiceMinutes(cal, starts[k] as Date, targets[k % targets.length] as number).getTime() % 7;
    }
    ops += 10_000;
    elapsed = performance.now() - t0;
  }
  if (sink < 0) console.log(sink);
  return (ops / elapsed) * 1000;
}
