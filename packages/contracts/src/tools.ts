import { Type, type Static } from 'typebox';
import { Actions, Email, IsoDate, IsoDateTime, Nullable, Uuid, Version } from './common.js';
import { CaseSeverity, CaseStatus, CaseType, Commitment, SlaState } from './cases.js';
import { CustomerTier } from './customers.js';

/**
 * Agent tools beside a case: the public web form (a channel), macros (canned replies), time tracking and the
 * customer at a glance.
 */

// ---------------------------------------------------------------- public web form
export const WebFormFields = ['company', 'phone', 'severity'] as const;
export const WebFormField = Type.Enum(WebFormFields);
export type WebFormField = (typeof WebFormFields)[number];

const Origin = Type.String({
  pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
  maxLength: 200,
  examples: ['https://www.example.com'],
});

export const WebFormSettings = Type.Object({
  enabled: Type.Boolean(),
  caseType: CaseType,
  fields: Type.Array(WebFormField),
  /** Sites that may embed the form in an <iframe> (Content-Security-Policy frame-ancestors). */
  allowedOrigins: Type.Array(Type.String()),
  thankYou: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  /** The public address of the form and the snippet to paste into another site. */
  formUrl: Type.String(),
  embedSnippet: Type.String(),
  version: Version,
});
export type WebFormSettings = Static<typeof WebFormSettings>;

export const WebFormSettingsUpdate = Type.Object(
  {
    enabled: Type.Boolean(),
    caseType: CaseType,
    fields: Type.Array(WebFormField, { maxItems: 3, uniqueItems: true }),
    allowedOrigins: Type.Array(Origin, { maxItems: 20 }),
    thankYou: Type.Object(
      {
        'zh-CN': Type.String({ maxLength: 1000 }),
        en: Type.String({ maxLength: 1000 }),
      },
      { additionalProperties: false },
    ),
    version: Version,
  },
  { additionalProperties: false },
);
export type WebFormSettingsUpdate = Static<typeof WebFormSettingsUpdate>;

export const WebFormSlugParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9-]+$' }),
});

/** The proof-of-work challenge (ALTCHA v2 format), solved by the widget before sending. */
export const WebFormChallenge = Type.Object({
  parameters: Type.Record(Type.String(), Type.Unknown()),
  signature: Type.Optional(Type.String()),
});

/** What the public page needs to draw the form. */
export const WebFormConfig = Type.Object({
  workspaceName: Type.String(),
  fields: Type.Array(WebFormField),
  /** Published service hours in the visitor's language. */
  hours: Type.Array(Type.String()),
  timeZone: Type.String(),
  /** Signed: when the form was handed out (the minimum fill time is counted from it). */
  formToken: Type.String(),
  challenge: WebFormChallenge,
});
export type WebFormConfig = Static<typeof WebFormConfig>;

export const WebFormSubmission = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    email: Email,
    company: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 10_000 }),
    severity: Type.Optional(CaseSeverity),
    locale: Type.Optional(Type.Enum(['zh-CN', 'en'])),
    formToken: Type.String({ minLength: 1, maxLength: 500 }),
    /** The ALTCHA payload (base64 JSON) the widget produced. */
    altcha: Type.String({ minLength: 1, maxLength: 4000 }),
    /** Honeypot: people leave it empty (it is hidden); bots fill it in. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type WebFormSubmission = Static<typeof WebFormSubmission>;

export const WebFormReceipt = Type.Object({
  caseNumber: Type.String(),
  commitment: Nullable(Commitment),
  /** "We will answer by …" in the submitter's language. */
  message: Type.String(),
  thankYou: Type.String(),
});
export type WebFormReceipt = Static<typeof WebFormReceipt>;

// ---------------------------------------------------------------- macros
export const MacroVariables = [
  'customer.name',
  'contact.name',
  'case.number',
  'case.subject',
  'agent.name',
  'commitment.answerBy',
] as const;

export const MacroActions = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'pending'])),
    severity: Type.Optional(CaseSeverity),
    assignToMe: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MacroActions = Static<typeof MacroActions>;

const MacroBody = Type.String({ maxLength: 10_000 });
export const Macro = Type.Object({
  id: Uuid,
  name: Type.String(),
  shared: Type.Boolean(),
  ownerId: Nullable(Uuid),
  body: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  actions: MacroActions,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actionsAllowed: Actions,
});
export type Macro = Static<typeof Macro>;

export const MacroCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    shared: Type.Optional(Type.Boolean()),
    body: Type.Object(
      { 'zh-CN': MacroBody, en: MacroBody },
      {
        additionalProperties: false,
        examples: [{ 'zh-CN': '您好 {{contact.name}}', en: 'Hello {{contact.name}}' }],
      },
    ),
    actions: Type.Optional(MacroActions),
  },
  { additionalProperties: false },
);
export type MacroCreate = Static<typeof MacroCreate>;
export const MacroUpdate = Type.Object(
  { ...MacroCreate.properties, version: Version },
  { additionalProperties: false },
);
export type MacroUpdate = Static<typeof MacroUpdate>;

export const MacroParams = Type.Object({ macroId: Uuid });
export const CaseMacroParams = Type.Object({ caseId: Uuid, macroId: Uuid });

export const MacroApply = Type.Object(
  {
    /** The case version the agent sees; with apply=true the actions are applied (409 when stale). */
    version: Version,
    applyActions: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MacroApply = Static<typeof MacroApply>;

export const MacroApplied = Type.Object({
  locale: Type.Enum(['zh-CN', 'en']),
  /** The rendered reply as plain text, for the reply editor (plain text is escaped when sent). */
  text: Type.String(),
  /** The rendered reply as an HTML fragment: the body's text and every value HTML-escaped. */
  html: Type.String(),
  actions: MacroActions,
  /** The case version after the actions (unchanged when none were applied). */
  caseVersion: Type.Integer(),
});
export type MacroApplied = Static<typeof MacroApplied>;

// ---------------------------------------------------------------- time tracking
export const TimeEntry = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Type.String(),
  customerId: Uuid,
  customerName: Type.String(),
  userId: Uuid,
  userName: Type.String(),
  minutes: Type.Integer(),
  billable: Type.Boolean(),
  note: Type.String(),
  workedOn: IsoDate,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type TimeEntry = Static<typeof TimeEntry>;

export const TimeEntryCreate = Type.Object(
  {
    minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    billable: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    workedOn: IsoDate,
  },
  { additionalProperties: false },
);
export type TimeEntryCreate = Static<typeof TimeEntryCreate>;
export const TimeEntryUpdate = Type.Object(
  { ...TimeEntryCreate.properties, version: Version },
  { additionalProperties: false },
);
export type TimeEntryUpdate = Static<typeof TimeEntryUpdate>;

export const TimeTotals = Type.Object({
  billableMinutes: Type.Integer(),
  nonBillableMinutes: Type.Integer(),
});
export type TimeTotals = Static<typeof TimeTotals>;

export const CaseTime = Type.Object({ entries: Type.Array(TimeEntry), totals: TimeTotals });
export type CaseTime = Static<typeof CaseTime>;

export const TimeEntryParams = Type.Object({ caseId: Uuid, entryId: Uuid });

export const TimeEntryQuery = Type.Object({
  userId: Type.Optional(Uuid),
  customerId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type TimeEntryQuery = Static<typeof TimeEntryQuery>;

export const TimeReport = Type.Object({ items: Type.Array(TimeEntry), totals: TimeTotals });
export type TimeReport = Static<typeof TimeReport>;

// ---------------------------------------------------------------- customer at a glance
export const CaseContext = Type.Object({
  customer: Type.Object({
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    tier: CustomerTier,
    ownerName: Nullable(Type.String()),
  }),
  contact: Nullable(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
    }),
  ),
  openCases: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.String(),
      subject: Type.String(),
      status: CaseStatus,
      severity: CaseSeverity,
      nextDeadlineAt: Nullable(IsoDateTime),
      slaState: Nullable(SlaState),
    }),
  ),
  orders: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.String(),
      orderedAt: IsoDate,
      status: Type.String(),
      totalCents: Type.Integer(),
    }),
  ),
  assets: Type.Array(
    Type.Object({
      id: Uuid,
      serialNumber: Type.String(),
      productName: Type.String(),
      warrantyEndsOn: Nullable(IsoDate),
      underWarranty: Type.Boolean(),
    }),
  ),
});
export type CaseContext = Static<typeof CaseContext>;
