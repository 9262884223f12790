import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.js';

/** What a staff member can be told about. */
export const NotificationEvents = [
  'case_assigned',
  'customer_replied',
  'sla_warning',
  'sla_breached',
  'mentioned',
  'checkpoint_due',
  'summary_due',
  'return_review_waiting',
  'return_late',
  'return_decided',
] as const;
export type NotificationEvent = (typeof NotificationEvents)[number];
export const NotificationEvent = Type.Enum(NotificationEvents);

/** Where a notification goes: the in-app centre, or an email to the staff member. */
export const NotificationChannels = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NotificationChannels)[number];

/** The defaults before a person changes anything: in-app for everything, email for what cannot wait. */
export const DefaultNotificationPreferences: Record<NotificationEvent, { inApp: boolean; email: boolean }> = {
  case_assigned: { inApp: true, email: true },
  customer_replied: { inApp: true, email: false },
  sla_warning: { inApp: true, email: false },
  sla_breached: { inApp: true, email: true },
  mentioned: { inApp: true, email: true },
  checkpoint_due: { inApp: true, email: false },
  summary_due: { inApp: true, email: false },
  return_review_waiting: { inApp: true, email: false },
  return_late: { inApp: true, email: true },
  return_decided: { inApp: true, email: false },
};

/** One notification of the signed-in staff member, rendered in their language. */
export const Notification = Type.Object({
  id: Uuid,
  event: NotificationEvent,
  caseId: Nullable(Uuid),
  /** The return a notification is about (return events); the console opens it. */
  returnId: Type.Optional(Uuid),
  caseNumber: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
export type Notification = Static<typeof Notification>;

export const NotificationQuery = Type.Object({
  /** Only the unread ones. */
  unread: Type.Optional(Type.Boolean()),
  /** The `nextCursor` of the previous page. */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type NotificationQuery = Static<typeof NotificationQuery>;

/** A page of notifications, newest first; `nextCursor` is null on the last page. */
export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String()),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

export const NotificationPreference = Type.Object(
  { event: NotificationEvent, inApp: Type.Boolean(), email: Type.Boolean() },
  { additionalProperties: false },
);
export type NotificationPreference = Static<typeof NotificationPreference>;

/** Every event with its channels (GET), or the events to change (PUT; the others stay as they are). */
export const NotificationPreferences = Type.Object(
  { items: Type.Array(NotificationPreference, { maxItems: NotificationEvents.length }) },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

export const NotificationIdParams = Type.Object({ notificationId: Uuid });
export type NotificationIdParams = Static<typeof NotificationIdParams>;
