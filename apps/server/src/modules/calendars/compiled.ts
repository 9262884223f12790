import { compileCalendar, type CompiledCalendar } from '../../platform/calendar/index.js';
import type { CalendarRecord } from './calendars.repository.js';

const cache = new Map<string, CompiledCalendar>();
const MAX = 500;

/**
 * The compiled form of a stored calendar, cached by id and version (compiling is cheap, but the compiled
 * calendar caches each local day it has seen, which is what makes repeated SLA arithmetic fast).
 */
export function compiledCalendar(workspaceId: string, c: Pick<CalendarRecord, 'id' | 'version' | 'spec'>) {
  const key = `${workspaceId}:${c.id}:${c.version}`;
  let compiled = cache.get(key);
  if (!compiled) {
    if (cache.size >= MAX) cache.clear();
    compiled = compileCalendar(c.spec);
    cache.set(key, compiled);
  }
  return compiled;
}
