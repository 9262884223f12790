import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CombineRule, Verdict } from '@aftercare/contracts';
import {
  combine,
  initialState,
  possibleCommands,
  transition,
  type Command,
  type MachineState,
} from './returns.machine.js';

/*
 * Model-based test of the pure machine: an independent, deliberately naive model of the rules (sets of
 * approvals and rejections, a phase) runs next to the machine through random command sequences; every command's
 * acceptance and every resulting state must agree, and the decision happens at most once per round.
 */

const DEPTS = ['sales', 'technical', 'finance', 'logistics'];

interface Model {
  rule: CombineRule;
  quorum: number;
  phase:
    | 'deciding'
    | 'approved'
    | 'rejected'
    | 'pickup'
    | 'transit'
    | 'received'
    | 'inspected'
    | 'completed'
    | 'cancelled';
  approved: Set<string>;
  rejected: Set<string>;
  askedInfo: Set<string>;
  round: number;
  appealed: boolean;
  inspection: boolean;
  decisionsThisRound: number;
}
interface Real {
  state: MachineState;
}

function modelDecision(m: Model): 'approved' | 'rejected' | null {
  const n = DEPTS.length;
  const a = m.approved.size;
  const r = m.rejected.size;
  if (m.rule === 'all') return a + r < n ? null : a === n ? 'approved' : 'rejected';
  if (m.rule === 'any_reject') return r > 0 ? 'rejected' : a === n ? 'approved' : null;
  if (a >= m.quorum) return 'approved';
  return n - r < m.quorum ? 'rejected' : null;
}

function apply(real: Real, cmd: Command, expectOk: boolean): void {
  const t = transition(real.state, cmd);
  expect(t.ok, `${JSON.stringify(cmd)} in ${real.state.status}`).toBe(expectOk);
  if (t.ok) real.state = t.state;
}

class ReviewCmd implements fc.Command<Model, Real> {
  constructor(
    readonly dept: string,
    readonly verdict: Verdict,
    readonly inspection: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const open = m.phase === 'deciding' && !m.approved.has(this.dept) && !m.rejected.has(this.dept);
    const before = m.decisionsThisRound;
    const t = transition(r.state, {
      type: 'review',
      departmentId: this.dept,
      verdict: this.verdict,
      inspectionNeeded: this.inspection,
    });
    expect(t.ok).toBe(open);
    if (!t.ok) return;
    r.state = t.state;
    m.askedInfo.delete(this.dept);
    if (this.verdict === 'approved') m.approved.add(this.dept);
    if (this.verdict === 'rejected') m.rejected.add(this.dept);
    if (this.verdict === 'needs_info') m.askedInfo.add(this.dept);
    if (this.verdict === 'approved' && this.inspection) m.inspection = true;
    const d = modelDecision(m);
    expect(t.decided).toBe(d);
    if (d) {
      m.phase = d;
      m.decisionsThisRound += 1;
    }
    expect(m.decisionsThisRound - before).toBeLessThanOrEqual(1);
    expect(m.decisionsThisRound).toBeLessThanOrEqual(1);
    expect(r.state.status).toBe(d ?? (m.askedInfo.size > 0 ? 'needs_info' : 'reviewing'));
  }
  toString = () => `review(${this.dept}, ${this.verdict}${this.inspection ? ', inspect' : ''})`;
}

class SimpleCmd implements fc.Command<Model, Real> {
  constructor(readonly type: Exclude<Command['type'], 'review'>) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const deciding = m.phase === 'deciding';
    switch (this.type) {
      case 'provide_info': {
        const ok = deciding && m.askedInfo.size > 0;
        apply(r, { type: this.type }, ok);
        if (ok) m.askedInfo.clear();
        break;
      }
      case 'appeal': {
        const ok = m.phase === 'rejected' && !m.appealed;
        const t = transition(r.state, { type: 'appeal' });
        expect(t.ok).toBe(ok);
        if (!t.ok) {
          if (m.phase === 'rejected') expect(t.error).toBe('return_appeal_used');
          break;
        }
        r.state = t.state;
        Object.assign(m, {
          phase: 'deciding',
          approved: new Set(),
          rejected: new Set(),
          askedInfo: new Set(),
          round: m.round + 1,
          appealed: true,
          inspection: false,
          decisionsThisRound: 0,
        });
        break;
      }
      case 'schedule_pickup':
        apply(r, { type: this.type }, m.phase === 'approved');
        if (m.phase === 'approved') m.phase = 'pickup';
        break;
      case 'ship': {
        const ok = m.phase === 'approved' || m.phase === 'pickup';
        apply(r, { type: this.type }, ok);
        if (ok) m.phase = 'transit';
        break;
      }
      case 'receive':
        apply(r, { type: this.type }, m.phase === 'transit');
        if (m.phase === 'transit') m.phase = 'received';
        break;
      case 'inspect':
        apply(r, { type: this.type }, m.phase === 'received');
        if (m.phase === 'received') m.phase = 'inspected';
        break;
      case 'complete': {
        const ok = m.phase === 'inspected' || (m.phase === 'received' && !m.inspection);
        apply(r, { type: this.type }, ok);
        if (ok) m.phase = 'completed';
        break;
      }
      case 'cancel': {
        const ok = ['deciding', 'approved', 'rejected', 'pickup'].includes(m.phase);
        apply(r, { type: this.type }, ok);
        if (ok) m.phase = 'cancelled';
        break;
      }
    }
    expect(r.state.round).toBe(m.round);
    expect(r.state.appealed).toBe(m.appealed);
  }
  toString = () => this.type;
}

/** Several departments' verdicts computed against the same state (as concurrent requests read it). */
class ConcurrentVerdicts implements fc.Command<Model, Real> {
  constructor(readonly verdicts: Array<[string, Verdict]>) {}
  check = (m: Readonly<Model>) => m.phase === 'deciding';
  run(m: Model, r: Real): void {
    // Each request computed on the state it read; the version guard lets only the first write; the others are
    // recomputed on the state the previous one left. So the serial application is the only outcome.
    const snapshot = r.state;
    const firstPass = this.verdicts.map(([d, v]) =>
      transition(snapshot, { type: 'review', departmentId: d, verdict: v }),
    );
    expect(firstPass.filter((t) => t.ok && t.decided).length).toBeLessThanOrEqual(DEPTS.length);
    let decisions = 0;
    for (const [d, v] of this.verdicts) {
      const before = r.state.status;
      new ReviewCmd(d, v, false).run(m, r);
      if (before !== r.state.status && (r.state.status === 'approved' || r.state.status === 'rejected'))
        decisions++;
    }
    expect(decisions).toBeLessThanOrEqual(1);
  }
  toString = () => `concurrently(${this.verdicts.map(([d, v]) => `${d}:${v}`).join(', ')})`;
}

const dept = fc.constantFrom(...DEPTS);
const verdict = fc.constantFrom<Verdict>('approved', 'rejected', 'needs_info');
const commands = [
  fc.tuple(dept, verdict, fc.boolean()).map(([d, v, i]) => new ReviewCmd(d, v, i)),
  fc
    .constantFrom<Exclude<Command['type'], 'review'>>(
      'provide_info',
      'appeal',
      'schedule_pickup',
      'ship',
      'receive',
      'inspect',
      'complete',
      'cancel',
    )
    .map((t) => new SimpleCmd(t)),
  fc
    .uniqueArray(fc.tuple(dept, verdict), { minLength: 2, maxLength: 4, selector: ([d]) => d })
    .map((vs) => new ConcurrentVerdicts(vs)),
];

describe('return state machine (model-based)', () => {
  it('agrees with the model on every command sequence, for every combine rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CombineRule>('all', 'any_reject', 'quorum'),
        fc.integer({ min: 1, max: DEPTS.length }),
        fc.commands(commands, { maxCommands: 40 }),
        (rule, quorum, cmds) => {
          const model: Model = {
            rule,
            quorum,
            phase: 'deciding',
            approved: new Set(),
            rejected: new Set(),
            askedInfo: new Set(),
            round: 1,
            appealed: false,
            inspection: false,
            decisionsThisRound: 0,
          };
          const real: Real = { state: initialState(rule, rule === 'quorum' ? quorum : null, DEPTS) };
          fc.modelRun(() => ({ model, real }), cmds);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('combines verdicts as documented', () => {
    expect(combine('all', null, { a: 'approved', b: 'pending' })).toBeNull();
    expect(combine('all', null, { a: 'approved', b: 'rejected' })).toBe('rejected');
    expect(combine('all', null, { a: 'approved', b: 'approved' })).toBe('approved');
    expect(combine('any_reject', null, { a: 'rejected', b: 'pending' })).toBe('rejected');
    expect(combine('quorum', 2, { a: 'approved', b: 'approved', c: 'pending' })).toBe('approved');
    expect(combine('quorum', 2, { a: 'rejected', b: 'rejected', c: 'pending' })).toBe('rejected');
    expect(combine('quorum', 2, { a: 'rejected', b: 'needs_info', c: 'pending' })).toBeNull();
  });

  it('offers only commands that are accepted', () => {
    const s = initialState('all', null, DEPTS);
    expect(possibleCommands(s)).toEqual(['review', 'cancel']);
    const rejected: MachineState = { ...s, status: 'rejected' };
    expect(possibleCommands(rejected)).toEqual(['appeal', 'cancel']);
    expect(transition({ ...rejected, appealed: true }, { type: 'appeal' })).toEqual({
      ok: false,
      error: 'return_appeal_used',
    });
    expect(transition(s, { type: 'review', departmentId: 'nope', verdict: 'approved' })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });
});
