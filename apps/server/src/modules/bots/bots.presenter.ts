import type { BotTarget } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { BotRecord } from './bots.repository.js';

export function presentBot(b: BotRecord, principal: Principal | null): BotTarget {
  const canManage = principal?.kind === 'staff' && principal.permissions.has('integrations.manage');
  return {
    id: b.id,
    name: b.name,
    kind: b.kind,
    urlHint: b.urlHint,
    hasSecret: b.secret !== null,
    teamId: b.teamId,
    teamName: b.teamName,
    events: b.events,
    enabled: b.enabled,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    version: b.version,
    actions: canManage ? ['update', 'delete', 'test'] : [],
  };
}

/** The address with its key masked: scheme, host and the last four characters. */
export function urlHint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…${url.slice(-4)}`;
}
