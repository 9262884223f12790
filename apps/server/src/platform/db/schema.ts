import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/**
 * Table types. Conventions that hold on both SQLite and PostgreSQL:
 * - ids are UUID strings; every tenant table leads its keys with workspace_id;
 * - timestamps are ISO-8601 strings in UTC (PostgreSQL timestamptz is parsed back to ISO strings);
 * - dates are 'YYYY-MM-DD' strings; booleans are written as 0/1 and read with toBool();
 * - JSON is stored as text and parsed in repositories; money is integer cents.
 */
export type Bool = ColumnType<boolean | number, 0 | 1, 0 | 1>;
type Timestamp = string;

export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  default_locale: string;
  modules: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface UsersTable {
  workspace_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string;
  status: string;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RolesTable {
  workspace_id: string;
  id: string;
  key: string | null;
  name: string;
  permissions: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  workspace_id: string;
  user_id: string;
  role_id: string;
}

export interface DepartmentsTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentMembersTable {
  workspace_id: string;
  department_id: string;
  user_id: string;
  lead: Bool;
}

export interface SessionsTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  csrf_token: string;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface OneTimeTokensTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  purpose: string;
  subject_type: string;
  subject_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  workspace_id: string;
  id: string;
  user_id: string;
  name: string;
  scope: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface CountersTable {
  workspace_id: string;
  kind: string;
  value: number;
}

export interface CustomersTable {
  workspace_id: string;
  id: string;
  code: string;
  name: string;
  tier: string;
  tags: string;
  owner_id: string | null;
  phone: string | null;
  website: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ContactsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  title: string | null;
  birthday: string | null;
  locale: string;
  portal_access: Bool;
  company_wide: Bool;
  password_hash: string | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  email_bounced_at: Generated<Timestamp | null>;
}

export interface ProductsTable {
  workspace_id: string;
  id: string;
  sku: string;
  name: string;
  category: string | null;
  description: string | null;
  warranty_months: number;
  return_window_days: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface EditionsTable {
  workspace_id: string;
  id: string;
  product_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface OrdersTable {
  workspace_id: string;
  id: string;
  number: string;
  external_ref: string | null;
  customer_id: string;
  ordered_at: string;
  status: string;
  currency: string;
  total_cents: number;
  line_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface OrderLinesTable {
  workspace_id: string;
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  edition_id: string | null;
  quantity: number;
  unit_price_cents: number;
  serial_numbers: string;
}

export interface AssetsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  product_id: string;
  edition_id: string | null;
  order_id: string | null;
  serial_number: string;
  purchase_date: string | null;
  warranty_end: string | null;
  status: string;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CasesTable {
  workspace_id: string;
  id: string;
  number: string;
  subject: string;
  type: string;
  severity: string;
  status: string;
  channel: string;
  customer_id: string;
  contact_id: string | null;
  assignee_id: string | null;
  pause_reason: string | null;
  next_deadline_at: Timestamp | null;
  /** next_deadline_at, or after every deadline when null: the queue's index order (0019; generated). */
  sla_sort_key: GeneratedAlways<Timestamp>;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_customer_reply_at: Timestamp | null;
  last_agent_reply_at: Timestamp | null;
  /** The team that owns the case (0007). */
  team_id: string | null;
  /** Legacy, no longer written (empty for new cases): search uses case_search (platform/db/fulltext.ts). */
  search_text: string;
  /** low | normal | high | urgent (0010). */
  priority: Generated<string>;
  /** The nearest next SLA warning or breach instant; the sweep reads only due ones (0010). */
  next_sla_event_at: Timestamp | null;
  /** When the SLA engine last applied the case's SLA; null: never (backfilled by the sweep) (0010). */
  sla_applied_at: Timestamp | null;
  /** The service contract the case is served under, and the installed product it is about (0012). */
  contract_id: Generated<string | null>;
  asset_id: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** A customer's service contract: covered edition, service calendar, term (0012). */
export interface ServiceContractsTable {
  workspace_id: string;
  id: string;
  number: string;
  customer_id: string;
  name: string;
  edition_id: string | null;
  calendar_id: string | null;
  starts_on: string;
  ends_on: string;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CaseMessagesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  author_type: string;
  author_id: string | null;
  author_name: string | null;
  visibility: string;
  body_html: string;
  body_text: string;
  created_at: Timestamp;
  mail_message_id: Generated<string | null>;
}

export interface ServiceCalendarsTable {
  workspace_id: string;
  id: string;
  name: string;
  /** ServiceCalendarSpec as JSON. */
  spec: string;
  is_default: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SlaPoliciesTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  conditions: string;
  calendar_id: string;
  targets: string;
  warn_at: string;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CaseSlaTable {
  workspace_id: string;
  case_id: string;
  policy_id: string | null;
  calendar_id: string;
  /** SeverityTargets (service minutes) copied from the policy for the case's severity. */
  targets: string;
  warn_at: string;
  first_response_due_at: Timestamp | null;
  first_response_met_at: Timestamp | null;
  next_response_start_at: Timestamp | null;
  next_response_due_at: Timestamp | null;
  next_response_met_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  resolution_met_at: Timestamp | null;
  paused_since: Timestamp | null;
  paused_minutes: number;
  escalation_level: number;
  /** Complaints: the acknowledgement target in wall-clock minutes, its due and met instants (0010). */
  acknowledgement_minutes: number | null;
  acknowledgement_due_at: Timestamp | null;
  acknowledgement_met_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ServiceSettingsTable {
  workspace_id: string;
  /** ServiceSettings as JSON. */
  settings: string;
  updated_at: Timestamp;
  version: number;
}

export interface CaseChargesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  kind: string;
  from_severity: string;
  to_severity: string;
  amount_cents: number;
  currency: string;
  requested_by_type: string;
  requested_by_id: string | null;
  requested_by_name: string | null;
  created_at: Timestamp;
}

export interface CaseComplaintsTable {
  workspace_id: string;
  case_id: string;
  root_cause: string | null;
  corrective_action: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CasePausesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  from_at: Timestamp;
  to_at: Timestamp | null;
  reason: string;
}

/**
 * A case's place in the full-text index (platform/db/fulltext.ts): doc_id is the index order; on PostgreSQL
 * the row also holds the tsvectors (staff_tsv, public_tsv), on SQLite the words live in the FTS5 table case_fts.
 */
export interface CaseSearchTable {
  workspace_id: string;
  case_id: string;
  doc_id: Generated<number>;
}

/** A user's named queue query (view, filters, q, sort), private or shared with the workspace. */
export interface SavedViewsTable {
  workspace_id: string;
  id: string;
  owner_id: string;
  name: string;
  shared: Bool;
  /** JSON: SavedViewQuery. */
  query: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SlaEventsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  kind: string;
  started_at: Timestamp;
  event: string;
  at: Timestamp;
  escalation_level: number | null;
}

export interface AuditLogTable {
  workspace_id: string;
  id: string;
  at: Timestamp;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  changes: string;
  request_id: string | null;
}

export interface OutboxTable {
  workspace_id: string;
  id: string;
  type: string;
  payload: string;
  created_at: Timestamp;
  processed_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
}

export interface NotificationsTable {
  workspace_id: string;
  id: string;
  user_id: string;
  event: string;
  source_event_id: string;
  case_id: string | null;
  message_key: string;
  params: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  workspace_id: string;
  user_id: string;
  event: string;
  in_app: Bool;
  email: Bool;
  updated_at: Timestamp;
}

export interface NotificationMailsTable {
  workspace_id: string;
  id: string;
  user_id: string;
  event: string;
  source_event_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface CaseAgreementsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  text: string;
  proposed_by_id: string | null;
  proposed_by: string | null;
  proposed_at: Timestamp;
  confirmed_by_id: string | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
  confirmed_via: string | null;
}

export interface CaseSummariesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  problem: string;
  done_so_far: string;
  difficulties: string;
  next_steps: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface CasePlanStepsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  position: number;
  title: string;
  expected_result: string;
  done_at: Timestamp | null;
  done_by_id: string | null;
  done_by: string | null;
}

export interface AttachmentsTable {
  workspace_id: string;
  id: string;
  name: string;
  size: number;
  content_type: string;
  is_image: Bool;
  sha256: string;
  /** user | contact */
  uploader_type: string;
  uploader_user_id: string | null;
  uploader_contact_id: string | null;
  uploader_name: string | null;
  case_id: string | null;
  message_id: string | null;
  plan_step_id: string | null;
  /** Set while unattached; null once attached. */
  expires_at: Timestamp | null;
  created_at: Timestamp;
  attached_at: Timestamp | null;
}

/** The bytes of an attachment, apart from its metadata so lists never read them. */
export interface AttachmentContentsTable {
  workspace_id: string;
  attachment_id: string;
  content: Buffer;
}

export interface CaseMentionsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  message_id: string;
  user_id: string;
  mentioned_by_id: string | null;
  mentioned_by: string | null;
  created_at: Timestamp;
}

export interface CaseClosingSummariesTable {
  workspace_id: string;
  case_id: string;
  cause: string;
  fix: string;
  customer_notes: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface TeamsTable {
  workspace_id: string;
  id: string;
  name: string;
  lead_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface TeamMembersTable {
  workspace_id: string;
  team_id: string;
  user_id: string;
}

export interface AssignmentRulesTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  active: Bool;
  /** JSON RuleConditions. */
  conditions: string;
  team_id: string | null;
  assign: string;
  agent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AssigneeStampsTable {
  workspace_id: string;
  user_id: string;
  assigned_at: Timestamp;
  seq: number;
}

export interface CaseMergesTable {
  workspace_id: string;
  id: string;
  /** merge (source merged into target) | split (target split out of source). */
  kind: string;
  source_case_id: string;
  target_case_id: string;
  message_id: string | null;
  created_at: Timestamp;
}

export interface CaseMessageOriginsTable {
  workspace_id: string;
  message_id: string;
  case_id: string;
  from_case_id: string;
  from_message_id: string;
}

export interface CasePresenceTable {
  workspace_id: string;
  case_id: string;
  user_id: string;
  state: string;
  seen_at: Timestamp;
}

export interface CaseLinksTable {
  workspace_id: string;
  id: string;
  case_id: string;
  kind: string;
  title: string;
  note: string;
  linked_case_id: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseCheckpointsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  title: string;
  note: string;
  due_at: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  missed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  version: number;
}

export interface CaseDisciplineTable {
  workspace_id: string;
  case_id: string;
  plan_version: number;
  summary_custom: Bool;
  summary_every_hours: number | null;
  summary_set_at: Timestamp | null;
}

export interface DisciplineSettingsTable {
  workspace_id: string;
  checkpoint_lead_minutes: number;
  summary_hours_s1: number | null;
  summary_hours_s2: number | null;
  updated_at: Timestamp;
  version: number;
}

export interface DisciplineEventsTable {
  workspace_id: string;
  id: string;
  case_id: string;
  subject_id: string;
  event: string;
  period_key: string;
  at: Timestamp;
}

export interface JobsTable {
  workspace_id: string;
  id: string;
  type: string;
  payload: string;
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_until: Timestamp | null;
  last_error: string | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  window_start: Timestamp;
  failures: number;
}

export interface WebformSettingsTable {
  workspace_id: string;
  enabled: Bool;
  case_type: string;
  fields: string;
  allowed_origins: string;
  thank_you: string;
  updated_at: Timestamp;
  version: number;
}

export interface WebformThrottleTable {
  workspace_id: string;
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface WebformCustomersTable {
  workspace_id: string;
  domain: string;
  customer_id: string;
}

export interface MacrosTable {
  workspace_id: string;
  id: string;
  name: string;
  owner_id: string | null;
  body_zh: string;
  body_en: string;
  actions: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface TimeEntriesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  user_id: string;
  minutes: number;
  billable: Bool;
  note: string;
  worked_on: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface MailSettingsTable {
  workspace_id: string;
  /** MailSettingsData (everything but the password) as JSON. */
  settings: string;
  /** The SMTP password sealed with SecretBox. */
  password_sealed: string | null;
  updated_at: Timestamp;
  version: number;
}

export interface MailOutboundTable {
  workspace_id: string;
  id: string;
  /** acknowledgement | reply */
  kind: string;
  /** The case the mail is about (null for mail about a return). */
  case_id: string | null;
  /** The return the mail is about (0020), else null. */
  return_id: string | null;
  /** The case message this mail carries (replies). */
  message_id: string | null;
  to_address: string;
  /** JSON array of addresses. */
  cc: string;
  subject: string;
  /** The Message-ID header, without angle brackets. */
  mail_message_id: string;
  /** JSON object of further headers. */
  headers: string;
  text_body: string;
  html_body: string;
  /** JSON array of attachment ids. */
  attachment_ids: string;
  /** queued | sending | sent | failed | bounced */
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  smtp_response: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailAutoRepliesTable {
  workspace_id: string;
  id: string;
  /** The lower-cased recipient address. */
  address: string;
  sent_at: Timestamp;
}

export interface IntegrationSettingsTable {
  workspace_id: string;
  allow_private_targets: Bool;
  updated_at: Timestamp;
  version: number;
}

export interface WebhookEndpointsTable {
  workspace_id: string;
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event types, or ["*"] */
  event_types: string;
  enabled: Bool;
  /** SecretBox-sealed signing secret */
  secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface BotTargetsTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: string;
  /** SecretBox-sealed webhook URL (it carries the bot's key) */
  url: string;
  /** the URL's host and a masked tail, for display */
  url_hint: string;
  /** SecretBox-sealed signing secret (DingTalk 加签, Feishu 签名校验) */
  secret: string | null;
  team_id: string | null;
  /** JSON array of bot event keys */
  events: string;
  enabled: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface WebhookDeliveriesTable {
  workspace_id: string;
  id: string;
  endpoint_id: string | null;
  bot_id: string | null;
  event_id: string | null;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailChannelsTable {
  workspace_id: string;
  id: string;
  name: string;
  /** smtp | imap */
  kind: string;
  address: string;
  smtp_address: string | null;
  team_id: string | null;
  case_type: string;
  /** create_contact | refuse */
  unknown_sender: string;
  enabled: Bool;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: Bool | null;
  imap_user: string | null;
  /** Sealed with SecretBox. */
  imap_password: string | null;
  imap_folder: string | null;
  poll_seconds: number | null;
  imap_uid_validity: string | null;
  imap_last_uid: number | null;
  polled_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface MailInboundTable {
  workspace_id: string;
  id: string;
  channel_id: string | null;
  message_id: string;
  /** message | auto_reply | bounce | loop | refused */
  kind: string;
  from_address: string;
  subject: string;
  case_id: string | null;
  case_message_id: string | null;
  auto_reply_allowed: Bool;
  full_text: string;
  full_html: string | null;
  notes: string;
  raw: Buffer;
  received_at: Timestamp;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  api_tokens: ApiTokensTable;
  counters: CountersTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  products: ProductsTable;
  editions: EditionsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  assets: AssetsTable;
  cases: CasesTable;
  case_messages: CaseMessagesTable;
  service_calendars: ServiceCalendarsTable;
  sla_policies: SlaPoliciesTable;
  case_sla: CaseSlaTable;
  case_pauses: CasePausesTable;
  sla_events: SlaEventsTable;
  service_settings: ServiceSettingsTable;
  case_charges: CaseChargesTable;
  case_complaints: CaseComplaintsTable;
  case_agreements: CaseAgreementsTable;
  case_summaries: CaseSummariesTable;
  case_plan_steps: CasePlanStepsTable;
  case_closing_summaries: CaseClosingSummariesTable;
  case_search: CaseSearchTable;
  saved_views: SavedViewsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  assignment_rules: AssignmentRulesTable;
  assignee_stamps: AssigneeStampsTable;
  case_merges: CaseMergesTable;
  case_message_origins: CaseMessageOriginsTable;
  case_presence: CasePresenceTable;
  attachments: AttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  case_mentions: CaseMentionsTable;
  case_links: CaseLinksTable;
  case_checkpoints: CaseCheckpointsTable;
  case_discipline: CaseDisciplineTable;
  discipline_settings: DisciplineSettingsTable;
  discipline_events: DisciplineEventsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  login_throttle: LoginThrottleTable;
  webform_settings: WebformSettingsTable;
  webform_throttle: WebformThrottleTable;
  webform_customers: WebformCustomersTable;
  macros: MacrosTable;
  time_entries: TimeEntriesTable;
  service_contracts: ServiceContractsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_mails: NotificationMailsTable;
  mail_settings: MailSettingsTable;
  mail_outbound: MailOutboundTable;
  integration_settings: IntegrationSettingsTable;
  webhook_endpoints: WebhookEndpointsTable;
  bot_targets: BotTargetsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  mail_channels: MailChannelsTable;
  mail_inbound: MailInboundTable;
  mail_auto_replies: MailAutoRepliesTable;
  return_policies: ReturnPoliciesTable;
  return_reasons: ReturnReasonsTable;
  returns: ReturnsTable;
  return_lines: ReturnLinesTable;
  return_reviews: ReturnReviewsTable;
  return_steps: ReturnStepsTable;
  return_deadline_events: ReturnDeadlineEventsTable;
  return_photos: ReturnPhotosTable;
}

/** Return policies: reviewing departments, combine rule, deadlines in service hours (0018). */
export interface ReturnPoliciesTable {
  workspace_id: string;
  id: string;
  name: string;
  /** '' for the workspace default. */
  category: string;
  department_ids: string;
  rule: string;
  quorum: number | null;
  review_hours: number;
  decision_hours: number;
  calendar_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReturnReasonsTable {
  workspace_id: string;
  id: string;
  code: string;
  label_zh: string;
  label_en: string;
  active: Bool;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReturnsTable {
  workspace_id: string;
  id: string;
  number: string;
  customer_id: string;
  contact_id: string | null;
  case_id: string | null;
  policy_id: string | null;
  reason_id: string;
  outcome: string;
  description: string | null;
  photo_ids: string;
  status: string;
  round: number;
  appealed: Bool;
  rule: string;
  quorum: number | null;
  department_ids: string;
  review_hours: number;
  decision_hours: number;
  calendar_id: string | null;
  review_due_at: Timestamp;
  decision_due_at: Timestamp;
  decision: string | null;
  decided_at: Timestamp | null;
  appeal_reason: string | null;
  logistics: string | null;
  pickup_at: Timestamp | null;
  tracking_number: string | null;
  received_at: Timestamp | null;
  inspected_at: Timestamp | null;
  inspection_passed: Bool | null;
  inspection_note: string | null;
  refund_cents: number | null;
  replacement_order_id: string | null;
  repair_case_id: string | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReturnLinesTable {
  workspace_id: string;
  id: string;
  return_id: string;
  position: number;
  order_line_id: string | null;
  asset_id: string | null;
  product_id: string;
  quantity: number;
  warranty: string;
  warranty_end: string | null;
  within_window: Bool | null;
  window_end: string | null;
}

export interface ReturnReviewsTable {
  workspace_id: string;
  return_id: string;
  department_id: string;
  round: number;
  status: string;
  comment: string | null;
  conditions: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: Timestamp | null;
  due_at: Timestamp;
}

export interface ReturnStepsTable {
  workspace_id: string;
  id: string;
  return_id: string;
  kind: string;
  at: Timestamp;
  actor_name: string | null;
  public: Bool;
  details: string;
}

/** A photo of a return (moved from the uploader's upload; the bytes as uploaded). */
export interface ReturnPhotosTable {
  workspace_id: string;
  id: string;
  return_id: string;
  name: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface ReturnDeadlineEventsTable {
  workspace_id: string;
  return_id: string;
  round: number;
  kind: string;
  department_key: string;
  at: Timestamp;
}

/** Tables that are not scoped by workspace_id. Everything else is a tenant table. */
export const GlobalTables = new Set([
  'workspaces',
  'login_throttle',
  'kysely_migration',
  'kysely_migration_lock',
]);
