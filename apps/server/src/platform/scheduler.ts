import type { FastifyInstance } from 'fastify';
import type { Deps } from './context.js';

/**
 * A periodic job of this process (a sweep, a delivery queue, a mailbox poll). Every task must be idempotent and
 * safe to run in several processes at once; a run that is still going when the next tick comes is not doubled.
 */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(deps: Deps, now: Date): Promise<unknown>;
}

/**
 * Starts every task on its own timer. Not under NODE_ENV=test: tests run the tasks themselves with a
 * ManualClock. Errors are logged and the next tick tries again.
 */
export function startScheduler(app: FastifyInstance, deps: Deps, tasks: readonly PeriodicTask[]): void {
  if (deps.config.env === 'test') return;
  for (const task of tasks) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task
        .run(deps, deps.clock.now())
        .catch((err: unknown) => app.log.error({ err, task: task.name }, 'periodic task failed'))
        .finally(() => {
          running = false;
        });
    }, task.everyMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}
