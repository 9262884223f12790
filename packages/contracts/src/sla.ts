import { Type, type Static } from 'typebox';
import { Actions, IsoDate, IsoDateTime, Name, Nullable, Uuid, Version } from './common.js';
import { CustomerTier } from './customers.js';
import { CaseSeverity, CaseType } from './cases.js';

/* Service calendars and SLA policies (the helpdesk module's service-level settings). */

const HhMm = Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'HH:MM, end may be 24:00' });
export const CalendarShift = Type.Object({ start: HhMm, end: HhMm }, { additionalProperties: false });
const DateName = Type.String({ maxLength: 100 });

/**
 * Weekly shifts (index 0 = Sunday) in an IANA zone, own holidays and adjusted workdays, and optionally the
 * official mainland-China arrangement. Semantic rules (real dates and zones, overlaps) are checked on save.
 */
export const CalendarSpec = Type.Object(
  {
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    weekly: Type.Array(Type.Array(CalendarShift, { maxItems: 12 }), { minItems: 7, maxItems: 7 }),
    holidays: Type.Optional(
      Type.Array(
        Type.Union([
          IsoDate,
          Type.Object({ date: IsoDate, name: Type.Optional(DateName) }, { additionalProperties: false }),
        ]),
        { maxItems: 2000 },
      ),
    ),
    workdays: Type.Optional(
      Type.Array(
        Type.Union([
          IsoDate,
          Type.Object(
            {
              date: IsoDate,
              name: Type.Optional(DateName),
              shifts: Type.Optional(Type.Array(CalendarShift, { maxItems: 12 })),
            },
            { additionalProperties: false },
          ),
        ]),
        { maxItems: 2000 },
      ),
    ),
    workdayShiftsFrom: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    useChinaOfficial: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CalendarSpec = Static<typeof CalendarSpec>;

export const ServiceCalendar = Type.Object({
  id: Uuid,
  name: Type.String(),
  spec: CalendarSpec,
  /** The calendar new policies use when none is given. Exactly one per workspace. */
  isDefault: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type ServiceCalendar = Static<typeof ServiceCalendar>;

export const ServiceCalendarCreate = Type.Object(
  { name: Name, spec: CalendarSpec, isDefault: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ServiceCalendarCreate = Static<typeof ServiceCalendarCreate>;

export const ServiceCalendarUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    spec: Type.Optional(CalendarSpec),
    /** true makes this the default (the previous default loses it); false is refused on the default. */
    isDefault: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);
export type ServiceCalendarUpdate = Static<typeof ServiceCalendarUpdate>;

export const CalendarIcsImport = Type.Object(
  { ics: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
  { additionalProperties: false },
);
export type CalendarIcsImport = Static<typeof CalendarIcsImport>;

export const CalendarPreviewQuery = Type.Object({
  /** First local date, default today in the calendar's zone. */
  from: Type.Optional(IsoDate),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 14 })),
});
export type CalendarPreviewQuery = Static<typeof CalendarPreviewQuery>;

export const CalendarPreviewDay = Type.Object({
  date: IsoDate,
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Type.Integer(),
  /** regular | holiday | workday (adjusted working day, 调休) */
  kind: Type.String(),
  /** weekly | calendar | china-official */
  source: Type.String(),
  name: Nullable(Type.String()),
  shifts: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  minutes: Type.Number(),
});
export type CalendarPreviewDay = Static<typeof CalendarPreviewDay>;

export const CalendarPreview = Type.Object({ timeZone: Type.String(), days: Type.Array(CalendarPreviewDay) });
export type CalendarPreview = Static<typeof CalendarPreview>;

/** Service minutes (counted over the policy's calendar) per target. */
const Minutes = Type.Integer({ minimum: 1, maximum: 1_000_000 });
export const SeverityTargets = Type.Object(
  { firstResponse: Minutes, nextResponse: Minutes, resolution: Minutes },
  { additionalProperties: false },
);
export type SeverityTargets = Static<typeof SeverityTargets>;
export const PolicyTargets = Type.Object(
  { S1: SeverityTargets, S2: SeverityTargets, S3: SeverityTargets, S4: SeverityTargets },
  { additionalProperties: false },
);
export type PolicyTargets = Static<typeof PolicyTargets>;

/** Which cases a policy applies to; an absent or empty list matches everything. All lists must match. */
export const PolicyConditions = Type.Object(
  {
    tiers: Type.Optional(Type.Array(CustomerTier, { maxItems: 10 })),
    types: Type.Optional(Type.Array(CaseType, { maxItems: 10 })),
    severities: Type.Optional(Type.Array(CaseSeverity, { maxItems: 10 })),
    customerIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    /** The edition of the case's installed product (asset), else of its service contract. */
    editionIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
    /** The service contract the case is served under. */
    contractIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    /** true: only cases under a contract in force today; false: only cases without one. */
    hasActiveContract: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PolicyConditions = Static<typeof PolicyConditions>;

/** Warning thresholds as shares of the target, ascending (default 0.75 and 0.9). */
export const WarnAt = Type.Array(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), {
  minItems: 2,
  maxItems: 2,
});

export const SlaPolicy = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Order of evaluation: the first active policy whose conditions match a case applies. */
  position: Type.Integer(),
  conditions: PolicyConditions,
  calendarId: Uuid,
  calendarName: Type.String(),
  targets: PolicyTargets,
  warnAt: Type.Array(Type.Number()),
  active: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type SlaPolicy = Static<typeof SlaPolicy>;

export const SlaPolicyCreate = Type.Object(
  {
    name: Name,
    conditions: Type.Optional(PolicyConditions),
    /** Default: the workspace's default calendar. */
    calendarId: Type.Optional(Uuid),
    targets: PolicyTargets,
    warnAt: Type.Optional(WarnAt),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SlaPolicyCreate = Static<typeof SlaPolicyCreate>;

export const SlaPolicyUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    conditions: Type.Optional(PolicyConditions),
    calendarId: Type.Optional(Uuid),
    targets: Type.Optional(PolicyTargets),
    warnAt: Type.Optional(WarnAt),
    active: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);
export type SlaPolicyUpdate = Static<typeof SlaPolicyUpdate>;

/** Every policy id of the workspace, in the new order. */
export const SlaPolicyOrder = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type SlaPolicyOrder = Static<typeof SlaPolicyOrder>;
