import type { Locale } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { CalendarsRepository } from '../calendars/index.js';
import { DEFAULT_WARN_AT, defaultCalendars, defaultPolicies } from './defaults.js';
import { SlaRepository } from './sla.repository.js';

/**
 * The default calendars ("标准服务时间" / "Standard hours" and "7×24") and policies of a new workspace,
 * written inside the caller's transaction (createWorkspace). Existing workspaces got them from migration 0004.
 */
export async function seedServiceLevels(
  tx: Executor,
  workspaceId: string,
  locale: Locale,
  timeZone: string,
  now: string,
): Promise<void> {
  const calendars = new CalendarsRepository(tx, workspaceId);
  const ids: Record<string, string> = {};
  for (const c of defaultCalendars(locale, timeZone)) {
    ids[c.key] = newId();
    await calendars.insert(
      { id: ids[c.key] as string, name: c.name, spec: c.spec, isDefault: c.isDefault },
      now,
    );
  }
  const sla = new SlaRepository(tx, workspaceId);
  let position = 0;
  for (const p of defaultPolicies(locale)) {
    position += 1;
    await sla.insertPolicy(
      {
        id: newId(),
        name: p.name,
        position,
        conditions: p.conditions,
        calendarId: ids[p.calendar] as string,
        targets: p.targets,
        warnAt: DEFAULT_WARN_AT,
        active: true,
      },
      now,
    );
  }
}
