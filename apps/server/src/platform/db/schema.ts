import type { ColumnType } from 'kysely';

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
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_customer_reply_at: Timestamp | null;
  last_agent_reply_at: Timestamp | null;
  /** Number, subject, customer name and message text, for search. */
  search_text: string;
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
  case_agreements: CaseAgreementsTable;
  case_summaries: CaseSummariesTable;
  case_plan_steps: CasePlanStepsTable;
  case_closing_summaries: CaseClosingSummariesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  login_throttle: LoginThrottleTable;
}

/** Tables that are not scoped by workspace_id. Everything else is a tenant table. */
export const GlobalTables = new Set([
  'workspaces',
  'login_throttle',
  'kysely_migration',
  'kysely_migration_lock',
]);
