// Micro-benchmark (not a test; vitest's test include does not match *.bench.ts). Run from the repo root:
//   npx tsx apps/server/src/platform/calendar/calendar.bench.ts
// Measures deadlines per second for "start + N service minutes" on an Asia/Shanghai calendar with split
// shifts (09:00-12:00, 13:30-18:00, Mon-Fri) and the official China holidays, over random starts in
// 2025-2026 and a mix of typical SLA targets.

import {
  addServiceMinutes,
  compileCalendar,
  deadlineWithPauses,
  isOpen,
  serviceMinutesBetween,
  type Pause,
} from './index.js';

const SPLIT = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const cal = compileCalendar({ weekly: [[], SPLIT, SPLIT, SPLIT, SPLIT, SPLIT, []], useChinaOfficial: true });

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2026, 11, 1);
const SAMPLES = 100_000;
const starts = Array.from({ length: SAMPLES }, () => new Date(FROM + Math.floor(random() * (TO - FROM))));
const TARGETS = [30, 60, 120, 240, 480, 1440, 2880, 10_000];

/** Results are folded into a checksum so that no call can be optimised away. */
let sink = 0;
function consume(v: unknown): void {
  if (v instanceof Date) sink += v.getTime() % 7;
  else if (typeof v === 'number') sink += v % 7;
  else if (v === true) sink++;
}

function measure(label: string, fn: (i: number) => unknown): void {
  // Warm-up (also fills the per-day caches), then run for about a second.
  for (let i = 0; i < SAMPLES; i++) consume(fn(i));
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (let i = 0; i < 10_000; i++) consume(fn((ops + i) % SAMPLES));
    ops += 10_000;
    elapsed = performance.now() - t0;
  }
  const perSecond = Math.round((ops / elapsed) * 1000);
  console.log(`${label.padEnd(58)} ${perSecond.toLocaleString('en-US').padStart(12)} /s`);
}

console.log(`node ${process.version}, ${SAMPLES.toLocaleString('en-US')} random starts in 2025-2026\n`);

// Cold: a fresh calendar, each day compiled on first use.
{
  const cold = compileCalendar({
    weekly: [[], SPLIT, SPLIT, SPLIT, SPLIT, SPLIT, []],
    useChinaOfficial: true,
  });
  const t0 = performance.now();
  for (let i = 0; i < SAMPLES; i++) addServiceMinutes(cold, starts[i] as Date, 480);
  const ms = performance.now() - t0;
  console.log(
    `${'cold start: first 100k deadlines (480 min), fresh calendar'.padEnd(58)} ${ms.toFixed(0).padStart(9)} ms`,
  );
}

for (const n of TARGETS) {
  measure(`addServiceMinutes, N = ${n}`, (i) => addServiceMinutes(cal, starts[i] as Date, n));
}
measure('addServiceMinutes, N mixed over the targets above', (i) =>
  addServiceMinutes(cal, starts[i] as Date, TARGETS[i % TARGETS.length] as number),
);
const ends = starts.map((s, i) => new Date(s.getTime() + ((i % 14) + 1) * 86_400_000));
measure('serviceMinutesBetween, spans of 1-14 days', (i) =>
  serviceMinutesBetween(cal, starts[i] as Date, ends[i] as Date),
);
measure('isOpen', (i) => isOpen(cal, starts[i] as Date));
const pauses: Pause[][] = starts.map((s) => [
  { from: new Date(s.getTime() + 3_600_000), to: new Date(s.getTime() + 7_200_000) },
  { from: new Date(s.getTime() + 86_400_000), to: new Date(s.getTime() + 90_000_000) },
]);
const now = new Date(TO + 86_400_000 * 30);
measure('deadlineWithPauses, 2 pauses, N = 480', (i) =>
  deadlineWithPauses(cal, starts[i] as Date, 480, pauses[i] as Pause[], now),
);

console.log(`\n(checksum ${sink})`);
