import type { EventHandler } from '../../platform/events/dispatcher.js';
import { newId } from '../../platform/ids.js';
import { WebhooksRepository } from '../webhooks/index.js';
import { botEventOf, caseMessage, returnMessage } from './bots.messages.js';
import { BotsRepository } from './bots.repository.js';

/**
 * Turns case events into group-bot messages: one pending delivery per enabled bot of the case's team (or of the
 * whole workspace) that announces the event, written inside the dispatch transaction. The message is rendered
 * now, in the workspace's language; the delivery task wraps and signs it for the vendor when it sends.
 */
export const botEventHandler: EventHandler = {
  name: 'group-bots',
  handles: (type) => botEventOf(type, { authorType: 'contact', reason: 'complaint' }) !== null,
  async handle(tx, event, ctx) {
    const botEvent = botEventOf(event.type, event.payload);
    if (botEvent && event.type.startsWith('return.')) {
      // Returns belong to no team: workspace-wide bots that chose the event announce them.
      const returnId = event.payload.returnId;
      if (typeof returnId !== 'string') return;
      const bots = new BotsRepository(tx, event.workspaceId);
      const r = await bots.returnFacts(returnId);
      if (!r) return;
      const listening = await bots.listening(botEvent, null);
      if (listening.length === 0) return;
      const message = returnMessage(botEvent, r, event.payload, {
        locale: ctx.workspace.defaultLocale,
        publicUrl: ctx.config.publicUrl,
      });
      await new WebhooksRepository(tx, event.workspaceId).enqueue(
        listening.map((b) => ({
          id: newId(),
          botId: b.id,
          eventId: event.id,
          eventType: botEvent,
          payload: JSON.stringify(message),
        })),
        ctx.clock.now().toISOString(),
      );
      return;
    }
    const caseId = event.payload.caseId;
    if (!botEvent || typeof caseId !== 'string') return;
    const bots = new BotsRepository(tx, event.workspaceId);
    const facts = await bots.caseFacts(caseId);
    if (!facts) return;
    const listening = await bots.listening(botEvent, facts.teamId);
    if (listening.length === 0) return;
    const message = caseMessage(botEvent, facts, event.payload, {
      locale: ctx.workspace.defaultLocale,
      timeZone: ctx.workspace.timezone,
      publicUrl: ctx.config.publicUrl,
    });
    await new WebhooksRepository(tx, event.workspaceId).enqueue(
      listening.map((b) => ({
        id: newId(),
        botId: b.id,
        eventId: event.id,
        eventType: botEvent,
        payload: JSON.stringify(message),
      })),
      ctx.clock.now().toISOString(),
    );
  },
};
