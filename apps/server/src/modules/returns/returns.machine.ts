import type { CombineRule, ReturnStatus, ReviewStatus, Verdict } from '@aftercare/contracts';

/*
 * The return state machine, in one place. Pure: a state and a command give the next state and what happened,
 * or the reason the command is refused. The service applies the result in one transaction, guarded by the
 * return's version, so a command is applied to exactly the state it was computed from (two verdicts arriving
 * at once: the second is recomputed on the state the first left, and only one of them can decide).
 *
 *   reviewing ⇄ needs_info ──(verdicts merged by the rule)──► approved | rejected
 *   rejected ──appeal (once)──► reviewing (round 2, every review pending again)
 *   approved ──schedule_pickup──► pickup_scheduled ──ship──► in_transit      (or approved ──ship──► in_transit)
 *   in_transit ──receive──► received ──inspect──► inspected ──complete──► completed
 *   received ──complete──► completed (when no department asked for an inspection)
 *   reviewing | needs_info | approved | rejected | pickup_scheduled ──cancel──► cancelled
 */

export interface MachineState {
  status: ReturnStatus;
  round: number;
  appealed: boolean;
  rule: CombineRule;
  quorum: number | null;
  /** The current round's review of each reviewing department, by department id. */
  reviews: Readonly<Record<string, ReviewStatus>>;
  /** A department asked for an inspection on arrival (technical condition). */
  inspectionNeeded: boolean;
}

export type Command =
  | { type: 'review'; departmentId: string; verdict: Verdict; inspectionNeeded?: boolean }
  | { type: 'provide_info' }
  | { type: 'appeal' }
  | { type: 'schedule_pickup' }
  | { type: 'ship' }
  | { type: 'receive' }
  | { type: 'inspect' }
  | { type: 'complete' }
  | { type: 'cancel' };
export type CommandType = Command['type'];
export const CommandTypes: readonly CommandType[] = [
  'review',
  'provide_info',
  'appeal',
  'schedule_pickup',
  'ship',
  'receive',
  'inspect',
  'complete',
  'cancel',
];

export type Refusal = 'return_transition_refused' | 'return_appeal_used' | 'not_found';

export type Transition =
  | {
      ok: true;
      state: MachineState;
      /** Set when this command made the decision. */
      decided: 'approved' | 'rejected' | null;
    }
  | { ok: false; error: Refusal };

const DECIDING: ReadonlySet<ReturnStatus> = new Set(['reviewing', 'needs_info']);
const CANCELLABLE: ReadonlySet<ReturnStatus> = new Set([
  'reviewing',
  'needs_info',
  'approved',
  'rejected',
  'pickup_scheduled',
]);

/**
 * The decision the verdicts so far make, or null while it is still open.
 * - all: every department must answer; approved only if all approved.
 * - any_reject: the first rejection rejects; approved once all approved.
 * - quorum(n): approved once n approved (n capped at the number of departments); rejected once n approvals
 *   can no longer be reached.
 * needs_info counts as not answered yet.
 */
export function combine(
  rule: CombineRule,
  quorum: number | null,
  reviews: Readonly<Record<string, ReviewStatus>>,
): 'approved' | 'rejected' | null {
  const all = Object.values(reviews);
  const n = all.length;
  const approved = all.filter((s) => s === 'approved').length;
  const rejected = all.filter((s) => s === 'rejected').length;
  const open = n - approved - rejected;
  if (n === 0) return null;
  switch (rule) {
    case 'all':
      if (open > 0) return null;
      return approved === n ? 'approved' : 'rejected';
    case 'any_reject':
      if (rejected > 0) return 'rejected';
      return approved === n ? 'approved' : null;
    case 'quorum': {
      const needed = Math.min(Math.max(quorum ?? n, 1), n);
      if (approved >= needed) return 'approved';
      if (approved + open < needed) return 'rejected';
      return null;
    }
  }
}

function refuse(error: Refusal = 'return_transition_refused'): Transition {
  return { ok: false, error };
}

function moved(state: MachineState, patch: Partial<MachineState>): Transition {
  return { ok: true, state: { ...state, ...patch }, decided: null };
}

export function transition(state: MachineState, cmd: Command): Transition {
  switch (cmd.type) {
    case 'review': {
      if (!DECIDING.has(state.status)) return refuse();
      const current = state.reviews[cmd.departmentId];
      if (current === undefined) return refuse('not_found');
      if (current === 'approved' || current === 'rejected') return refuse();
      const reviews = { ...state.reviews, [cmd.departmentId]: cmd.verdict };
      const inspectionNeeded =
        state.inspectionNeeded || (cmd.verdict === 'approved' && cmd.inspectionNeeded === true);
      const decided = combine(state.rule, state.quorum, reviews);
      if (decided)
        return { ok: true, state: { ...state, reviews, inspectionNeeded, status: decided }, decided };
      const status = Object.values(reviews).includes('needs_info') ? 'needs_info' : 'reviewing';
      return moved(state, { reviews, inspectionNeeded, status });
    }
    case 'provide_info': {
      if (state.status !== 'needs_info') return refuse();
      const reviews = Object.fromEntries(
        Object.entries(state.reviews).map(([d, s]) => [d, s === 'needs_info' ? 'pending' : s]),
      ) as Record<string, ReviewStatus>;
      return moved(state, { reviews, status: 'reviewing' });
    }
    case 'appeal': {
      if (state.status !== 'rejected') return refuse();
      if (state.appealed) return refuse('return_appeal_used');
      const reviews = Object.fromEntries(
        Object.keys(state.reviews).map((d) => [d, 'pending' as const]),
      ) as Record<string, ReviewStatus>;
      return moved(state, {
        reviews,
        status: 'reviewing',
        round: state.round + 1,
        appealed: true,
        inspectionNeeded: false,
      });
    }
    case 'schedule_pickup':
      return state.status === 'approved' ? moved(state, { status: 'pickup_scheduled' }) : refuse();
    case 'ship':
      return state.status === 'approved' || state.status === 'pickup_scheduled'
        ? moved(state, { status: 'in_transit' })
        : refuse();
    case 'receive':
      return state.status === 'in_transit' ? moved(state, { status: 'received' }) : refuse();
    case 'inspect':
      return state.status === 'received' ? moved(state, { status: 'inspected' }) : refuse();
    case 'complete':
      return state.status === 'inspected' || (state.status === 'received' && !state.inspectionNeeded)
        ? moved(state, { status: 'completed' })
        : refuse();
    case 'cancel':
      return CANCELLABLE.has(state.status) ? moved(state, { status: 'cancelled' }) : refuse();
  }
}

/** The command types that would be accepted now (reviews: by some department still to answer). */
export function possibleCommands(state: MachineState): CommandType[] {
  return CommandTypes.filter((type) => {
    if (type === 'review')
      return Object.keys(state.reviews).some(
        (departmentId) => transition(state, { type, departmentId, verdict: 'needs_info' }).ok,
      );
    return transition(state, { type } as Command).ok;
  });
}

/** A fresh request: every department's review pending. */
export function initialState(
  rule: CombineRule,
  quorum: number | null,
  departmentIds: readonly string[],
): MachineState {
  return {
    status: 'reviewing',
    round: 1,
    appealed: false,
    rule,
    quorum,
    reviews: Object.fromEntries(departmentIds.map((d) => [d, 'pending' as const])),
    inspectionNeeded: false,
  };
}
