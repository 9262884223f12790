import { Type, type Static } from 'typebox';
import { Actions, IsoDateTime, Nullable, Uuid, Version } from './common.js';
import { CaseSeverity } from './cases.js';

/* The workspace's service settings, paid escalation and its chargeable items. */

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
/** The same words in both languages. */
export const LocalizedText = (max: number) =>
  Type.Object({ 'zh-CN': Text(max), en: Text(max) }, { additionalProperties: false });

export const SeverityDefinition = Type.Object(
  { name: LocalizedText(60), description: LocalizedText(500) },
  { additionalProperties: false },
);
export type SeverityDefinition = Static<typeof SeverityDefinition>;

export const SeverityDefinitions = Type.Object(
  { S1: SeverityDefinition, S2: SeverityDefinition, S3: SeverityDefinition, S4: SeverityDefinition },
  { additionalProperties: false },
);
export type SeverityDefinitions = Static<typeof SeverityDefinitions>;

export const RootCause = Type.Object(
  { key: Type.String({ pattern: '^[a-z0-9_]{1,64}$' }), name: LocalizedText(60) },
  { additionalProperties: false },
);
export type RootCause = Static<typeof RootCause>;

const Cents = Type.Integer({ minimum: 0, maximum: 100_000_000 });

export const ServiceSettingsBody = {
  /** A customer reply within this many days reopens a solved case. */
  reopenWindowDays: Type.Integer({ minimum: 1, maximum: 365 }),
  severities: SeverityDefinitions,
  complaints: Type.Object(
    {
      /** Acknowledgement target in hours of wall-clock time (not service hours). */
      acknowledgementHours: Type.Integer({ minimum: 1, maximum: 720 }),
      /** Complaints of the same customer or with the same root cause within this many days are repeats. */
      repeatWindowDays: Type.Integer({ minimum: 1, maximum: 3650 }),
      rootCauses: Type.Array(RootCause, { minItems: 1, maxItems: 50 }),
    },
    { additionalProperties: false },
  ),
  paidEscalation: Type.Object(
    {
      /** Per customer tier: the most urgent severity its contacts may choose without paying. */
      entitlements: Type.Object(
        { standard: CaseSeverity, silver: CaseSeverity, gold: CaseSeverity, platinum: CaseSeverity },
        { additionalProperties: false },
      ),
      /** Price (integer cents, CNY) of escalating to each severity. */
      prices: Type.Object({ S1: Cents, S2: Cents, S3: Cents }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  ),
};

export const ServiceSettings = Type.Object({
  ...ServiceSettingsBody,
  currency: Type.Literal('CNY'),
  version: Version,
  actions: Actions,
});
export type ServiceSettings = Static<typeof ServiceSettings>;

export const ServiceSettingsUpdate = Type.Object(
  { ...ServiceSettingsBody, version: Version },
  { additionalProperties: false },
);
export type ServiceSettingsUpdate = Static<typeof ServiceSettingsUpdate>;

/** What a contact may know: the severity definitions, their entitlement and the escalation prices. */
export const PortalServiceLevels = Type.Object({
  severities: SeverityDefinitions,
  entitlement: CaseSeverity,
  prices: Type.Object({ S1: Type.Integer(), S2: Type.Integer(), S3: Type.Integer() }),
  currency: Type.Literal('CNY'),
});
export type PortalServiceLevels = Static<typeof PortalServiceLevels>;

export const ChargeKinds = ['paid_escalation'] as const;

export const CaseCharge = Type.Object({
  id: Uuid,
  kind: Type.Enum(ChargeKinds),
  fromSeverity: CaseSeverity,
  toSeverity: CaseSeverity,
  amountCents: Type.Integer(),
  currency: Type.Literal('CNY'),
  requestedByType: Type.String(),
  requestedByName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type CaseCharge = Static<typeof CaseCharge>;

/** Ask for a more urgent severity than the customer's entitlement; acceptCharge must be true. */
export const PaidEscalationCreate = Type.Object(
  { severity: CaseSeverity, acceptCharge: Type.Boolean() },
  { additionalProperties: false },
);
export type PaidEscalationCreate = Static<typeof PaidEscalationCreate>;

/** The quote before asking: price and whether escalating is possible. */
export const PaidEscalationQuote = Type.Object({
  entitlement: CaseSeverity,
  current: CaseSeverity,
  options: Type.Array(Type.Object({ severity: CaseSeverity, amountCents: Type.Integer() })),
  currency: Type.Literal('CNY'),
});
export type PaidEscalationQuote = Static<typeof PaidEscalationQuote>;
