import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Child {
  process: ChildProcess;
  /** The first line the child printed that starts with `READY `, without the prefix. */
  ready: string;
  /** Lines that start with `RESULT `, parsed as JSON. */
  results: unknown[];
  /** Resident memory of the child now, in MiB (Linux /proc). */
  rssMiB(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `script` (TypeScript, through tsx, or JavaScript with node) in its own process, so the server under test
 * and the load generator do not share an event loop. Resolves when the child prints `READY …`.
 */
export async function startChild(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { node?: boolean; timeoutMs?: number } = {},
): Promise<Child & { startedMs: number }> {
  const t0 = performance.now();
  const child = spawn(options.node ? process.execPath : TSX, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const results: unknown[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} not ready in time`)),
      options.timeoutMs ?? 120_000,
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code ?? 'a signal'}`)));
    lines.on('line', (line) => {
      if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)) as unknown);
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(line.slice(6));
      }
    });
  });
  const startedMs = performance.now() - t0;
  return {
    process: child,
    ready,
    results,
    startedMs,
    rssMiB: () => rssOf(child.pid as number),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits for a child that ends by itself; returns its RESULT lines. */
export async function runChild(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<unknown[]> {
  const child = spawn(TSX, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const results: unknown[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)) as unknown);
    else if (line.trim()) console.log(`  ${line}`);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code ?? 'a signal'}`);
  return results;
}

/** Resident memory of a process, in MiB (Linux /proc). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
