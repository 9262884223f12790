import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createWorkspace } from '../../../test/factories.js';
import { newId } from '../ids.js';
import { dispatchOutbox, DISPATCH_MAX_ATTEMPTS, type EventHandler, type OutboxEvent } from './dispatcher.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function addEvent(
  workspaceId: string,
  type: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const id = newId();
  await t.database.db
    .insertInto('outbox')
    .values({
      workspace_id: workspaceId,
      id,
      type,
      payload: JSON.stringify(payload),
      created_at: t.clock.now().toISOString(),
      processed_at: null,
      last_error: null,
      next_attempt_at: null,
    })
    .execute();
  return id;
}

function recorder(fail: (e: OutboxEvent) => boolean = () => false) {
  const seen: OutboxEvent[] = [];
  const handler: EventHandler = {
    name: 'recorder',
    handles: (type) => type.startsWith('test.'),
    async handle(tx, event, ctx) {
      expect(ctx.workspace.id).toBe(event.workspaceId);
      if (fail(event)) throw new Error(`cannot handle ${event.type}`);
      // Writes made here commit with the claim: a row in the audit log stands in for a delivery row.
      await tx
        .insertInto('audit_log')
        .values({
          workspace_id: event.workspaceId,
          id: newId(),
          at: event.createdAt,
          entity_type: 'test',
          entity_id: event.id,
          action: event.type,
          actor_type: 'system',
          actor_id: null,
          actor_name: null,
          changes: '{}',
          request_id: null,
        })
        .execute();
      seen.push(event);
    },
  };
  return { seen, handler };
}

const delivered = async (workspaceId: string, eventId: string) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('entity_id', '=', eventId)
      .execute()
  ).length;

describe('outbox dispatch', () => {
  it('hands each event to the handlers that want it, oldest first, exactly once', async () => {
    const ws = await createWorkspace(t.app);
    const wsId = ws.me.workspace.id;
    const first = await addEvent(wsId, 'test.one', { n: 1 });
    t.clock.advance(1000);
    const second = await addEvent(wsId, 'test.two', { n: 2 });
    await addEvent(wsId, 'other.event', {});
    const { seen, handler } = recorder();
    const deps = t.app.deps;
    // Two dispatchers at once (two processes): each event still reaches its handler once.
    const runs = await Promise.all([
      dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] }),
      dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] }),
    ]);
    expect(seen.filter((e) => e.type.startsWith('test.')).map((e) => e.payload)).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(await delivered(wsId, first)).toBe(1);
    expect(await delivered(wsId, second)).toBe(1);
    const again = await dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] });
    expect(again.dispatched).toBe(0);
  });

  it('rolls a failed event back, retries it with backoff, and sets it aside after the last attempt', async () => {
    const ws = await createWorkspace(t.app);
    const wsId = ws.me.workspace.id;
    const bad = await addEvent(wsId, 'test.bad', {});
    const good = await addEvent(wsId, 'test.good', {});
    const { handler } = recorder((e) => e.type === 'test.bad');
    const deps = t.app.deps;
    const first = await dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] });
    expect(first).toEqual({ dispatched: 1, failed: 1 });
    expect(await delivered(wsId, good)).toBe(1);
    expect(await delivered(wsId, bad)).toBe(0);
    // Not due again straight away.
    expect((await dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] })).failed).toBe(0);
    for (let i = 1; i < DISPATCH_MAX_ATTEMPTS; i++) {
      t.clock.advance(24 * 3_600_000);
      await dispatchOutbox(deps, [handler], t.clock.now(), { workspaceIds: [wsId] });
    }
    const row = await t.database.db
      .selectFrom('outbox')
      .select(['attempts', 'last_error', 'processed_at'])
      .where('workspace_id', '=', wsId)
      .where('id', '=', bad)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(DISPATCH_MAX_ATTEMPTS);
    expect(row.last_error).toBe('cannot handle test.bad');
    expect(row.processed_at).not.toBeNull();
  });
});
