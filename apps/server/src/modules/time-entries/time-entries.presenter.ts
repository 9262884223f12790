import type { TimeEntry, TimeTotals } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { TimeEntryRecord } from './time-entries.repository.js';

/** Whether this person may change the entry: their own, or anyone's with time.manage. */
export function mayChange(e: Pick<TimeEntryRecord, 'userId'>, p: Principal | null): boolean {
  if (!p || p.kind !== 'staff' || !p.permissions.has('cases.write')) return false;
  return e.userId === p.userId || p.permissions.has('time.manage');
}

export function presentTimeEntry(e: TimeEntryRecord, p: Principal | null): TimeEntry {
  return { ...e, actions: mayChange(e, p) ? ['update', 'delete'] : [] };
}

export function totalsOf(entries: Array<Pick<TimeEntryRecord, 'minutes' | 'billable'>>): TimeTotals {
  let billableMinutes = 0;
  let nonBillableMinutes = 0;
  for (const e of entries) {
    if (e.billable) billableMinutes += e.minutes;
    else nonBillableMinutes += e.minutes;
  }
  return { billableMinutes, nonBillableMinutes };
}
