/**
 * When to try a failed delivery again: exponential backoff (base × 2^(attempt-1), capped) with ±20 % jitter so
 * many failures at once do not retry in step. `attempt` counts the attempts made so far (1 after the first).
 */
export function nextAttemptAt(
  now: Date,
  attempt: number,
  options: { baseMs?: number; capMs?: number; random?: () => number } = {},
): Date {
  const base = options.baseMs ?? 30_000;
  const cap = options.capMs ?? 6 * 3_600_000;
  const raw = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  return new Date(now.getTime() + Math.round(raw * jitter));
}
