import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Full mode (`npm run reliability -- --full`): the full counts; quick mode is what CI runs. */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** The database this run is on (reliability/run.ts runs every suite once per database). */
export const DIALECT: 'sqlite' | 'postgres' = process.env.DATABASE_URL?.startsWith('postgres')
  ? 'postgres'
  : 'sqlite';

/** Picks the quick or the full figure. */
export function scale(quick: number, full: number): number {
  return FULL ? full : quick;
}

export interface Figure {
  /** The suite, e.g. `fuzz`, `isolation`, `crash`. */
  suite: string;
  /** What was measured, in a phrase a reader understands without the code. */
  name: string;
  value: number;
  unit: string;
  /** The target as written beside the figure, e.g. `0`, `< 250 ms`. */
  target: string;
  pass: boolean;
  note?: string;
}

/**
 * Records one figure for reliability/RESULTS.md. A suite records its figures and then asserts on them, so a
 * failure shows both in the vitest output and in the results table.
 */
export function record(figure: Figure): void {
  const line = JSON.stringify({ ...figure, dialect: DIALECT, full: FULL, at: new Date().toISOString() });
  const dir = process.env.RELIABILITY_OUT;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, `${figure.suite}-${DIALECT}.jsonl`), `${line}\n`);
  }
  console.log(
    `${figure.pass ? 'ok  ' : 'FAIL'} ${DIALECT.padEnd(8)} ${figure.suite.padEnd(12)} ${figure.name} = ${figure.value} ${figure.unit} (target ${figure.target})`,
  );
}
