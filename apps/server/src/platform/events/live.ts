import { EventEmitter } from 'node:events';

/** What this process pushes to a signed-in person's open streams. */
export interface LiveMessage {
  /** The SSE event name, e.g. `notification`. */
  event: string;
  data: unknown;
}

/**
 * A per-process pub/sub for live pushes (server-sent events). Publishers call it after their transaction has
 * committed; it reaches only the listeners of this process, so every stream also polls the database and
 * nothing relies on the writer and the reader sharing a process.
 */
class LiveBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  private static key(workspaceId: string, userId: string): string {
    return `${workspaceId}:${userId}`;
  }

  publish(workspaceId: string, userId: string, message: LiveMessage): void {
    this.emitter.emit(LiveBus.key(workspaceId, userId), message);
  }

  /** Listens for one person's messages; returns the function that stops listening. */
  subscribe(workspaceId: string, userId: string, listener: (message: LiveMessage) => void): () => void {
    const key = LiveBus.key(workspaceId, userId);
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }
}

export const live = new LiveBus();
