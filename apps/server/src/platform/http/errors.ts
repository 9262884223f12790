import {
  ErrorCodes,
  errorMessage,
  pickLocale,
  type ErrorCode,
  type FieldError,
  type Locale,
} from '@aftercare/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';

// ajv-i18n is CommonJS whose typings claim a default export; load it as what it is.
type Localize = (errors?: ErrorObject[] | null) => void;
const localize = createRequire(import.meta.url)('ajv-i18n') as { zh: Localize; en: Localize };

/** The one way a module reports a failure the caller should see. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? code);
  }
  get status(): number {
    return ErrorCodes[this.code].status;
  }
}

export const notFound = (): AppError => new AppError('not_found');
export const conflict = (): AppError => new AppError('conflict');
export const forbidden = (): AppError => new AppError('forbidden');
/** A validation failure on named fields, in the same shape as schema validation errors. */
export const invalidFields = (fields: FieldError[]): AppError => new AppError('validation_failed', fields);

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: unknown,
): FastifyReply {
  const locale = request.locale;
  return reply
    .status(ErrorCodes[code].status)
    .type('application/json')
    .send({
      error: {
        code,
        message: errorMessage(code, locale),
        ...(details === undefined ? {} : { details }),
        requestId: request.id,
      },
    });
}

export function errorHandler(
  this: unknown,
  error: FastifyError & { validation?: ErrorObject[]; validationContext?: string },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    return sendError(request, reply, error.code, localizeDetails(error.details, request.locale));
  }
  if (error.validation) {
    return sendError(
      request,
      reply,
      'validation_failed',
      validationDetails(error.validation, error.validationContext, request.locale),
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return sendError(request, reply, 'body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return sendError(request, reply, 'unsupported_media_type');
    case 'FST_ERR_RATE_LIMITED':
      return sendError(request, reply, 'rate_limited');
  }
  if (isMultipartSyntaxError(error)) return sendError(request, reply, 'bad_request');
  const status = error.statusCode ?? 500;
  if (status === 429) return sendError(request, reply, 'rate_limited');
  if (status >= 400 && status < 500)
    return sendError(request, reply, status === 404 ? 'not_found' : 'bad_request');
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'internal');
}

/**
 * The multipart parser (busboy) throws plain errors, without a code or status, for a body it cannot read: no
 * boundary in the content type, or a body that ends inside a part. That is the client's mistake, not ours.
 */
function isMultipartSyntaxError(error: Error): boolean {
  return (
    !('statusCode' in error && error.statusCode) &&
    (error.message.startsWith('Multipart: ') ||
      error.message === 'Unexpected end of multipart data' ||
      error.message === 'Malformed part header')
  );
}

/** Errors the router raises before a route is found: a path it cannot decode, or a parameter over its limit. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // No route, so no request hooks ran: the locale comes from the header alone.
  request.locale = pickLocale(request.headers['accept-language']);
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(request, reply, 'bad_request');
  request.log.error({ err: error }, 'router error');
  return sendError(request, reply, 'internal');
}

function validationDetails(errors: ErrorObject[], context: string | undefined, locale: Locale): FieldError[] {
  const copy = errors.map((e) => ({ ...e }));
  if (locale === 'zh-CN') localize.zh(copy);
  else localize.en(copy);
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of copy) {
    let path = e.instancePath.replace(/^\//, '');
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      path = join(path, params.missingProperty);
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      path = join(path, params.additionalProperty);
    const field = path || (context ?? 'body');
    const key = `${field}|${e.keyword}`;
    // anyOf (nullable) branches repeat the same field; keep the first message for each field.
    if (seen.has(field) || seen.has(key)) continue;
    seen.add(field);
    seen.add(key);
    const message =
      e.keyword === 'additionalProperties'
        ? locale === 'zh-CN'
          ? '不允许的字段'
          : 'unknown field'
        : (e.message ?? e.keyword);
    out.push({ field, code: e.keyword, message });
  }
  return out;
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

/** Field errors raised by services carry message keys; translate those we know. */
function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    if (d && typeof d === 'object' && 'code' in d && 'field' in d) {
      const fe = d as FieldError;
      const known = FieldMessages[fe.code];
      return known ? { ...fe, message: known[locale] } : fe;
    }
    return d;
  });
}

/** Messages for field-level failures that schemas cannot express (uniqueness, references…). */
export const FieldMessages: Record<string, Record<Locale, string>> = {
  target_private_address: {
    'zh-CN': '该地址指向本机、内网或链路本地地址，已被拒绝（管理员可在“集成设置”中允许内网目标）',
    en: 'this address points to a loopback, private or link-local address and is refused (an administrator may allow private targets in the integration settings)',
  },
  target_scheme: { 'zh-CN': '只支持 http 或 https 地址', en: 'only http and https addresses are allowed' },
  target_credentials: {
    'zh-CN': '地址中不能包含用户名或密码',
    en: 'the address must not contain a user name or password',
  },
  unknown_event_type: { 'zh-CN': '未知的事件类型', en: 'unknown event type' },
  duplicate: { 'zh-CN': '该值已被使用', en: 'this value is already in use' },
  unknown_reference: { 'zh-CN': '引用的记录不存在', en: 'the referenced record does not exist' },
  invalid_value: { 'zh-CN': '取值无效', en: 'invalid value' },
  required: { 'zh-CN': '必填', en: 'required' },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'the current password is incorrect' },
  in_use: {
    'zh-CN': '该记录仍被引用，无法删除',
    en: 'this record is still referenced and cannot be deleted',
  },
  edition_mismatch: { 'zh-CN': '版本不属于该产品', en: 'the edition does not belong to this product' },
  too_many_serials: { 'zh-CN': '序列号数量多于数量', en: 'more serial numbers than the quantity' },
  amount_too_large: { 'zh-CN': '金额过大', en: 'the amount is too large' },
  order_customer_mismatch: { 'zh-CN': '该订单属于其他客户', en: 'the order belongs to another customer' },
  contact_customer_mismatch: {
    'zh-CN': '该联系人属于其他客户',
    en: 'the contact belongs to another customer',
  },
  invalid_transition: { 'zh-CN': '当前状态不能变更为该状态', en: 'the case cannot move to this status' },
  inactive_user: { 'zh-CN': '该用户未启用', en: 'this user is not active' },
  before_purchase: { 'zh-CN': '不能早于购买日期', en: 'cannot be before the purchase date' },
  not_team_member: { 'zh-CN': '该用户不是该团队的成员', en: 'this user is not a member of the team' },
  merge_same_case: { 'zh-CN': '不能将工单合并到其自身', en: 'a case cannot be merged into itself' },
  merge_target_closed: { 'zh-CN': '目标工单已关闭，不能合并到已关闭的工单', en: 'the target case is closed' },
  merge_customer_mismatch: {
    'zh-CN': '只能合并同一客户的工单',
    en: 'only cases of the same customer can be merged',
  },
  attachment_unavailable: {
    'zh-CN': '附件不存在、已被使用或已过期，请重新上传',
    en: 'the upload does not exist, is already attached or has expired; upload it again',
  },
  not_staff: {
    'zh-CN': '只能提及本工作区在职的同事',
    en: 'only active colleagues of this workspace can be mentioned',
  },
  not_above_entitlement: {
    'zh-CN': '该严重级别在客户权益内，无需付费升级',
    en: 'this severity is within the customer’s entitlement; no paid escalation is needed',
  },
  not_higher: { 'zh-CN': '须高于当前严重级别', en: 'must be more urgent than the current severity' },
  unknown_root_cause: { 'zh-CN': '不在根因分类中', en: 'not in the root-cause catalogue' },
  unknown_variable: {
    'zh-CN': '包含未知的变量，可用变量见说明',
    en: 'contains an unknown variable; see the list of variables',
  },
  macro_syntax: {
    'zh-CN': '只能使用 {{变量}} 形式的占位符',
    en: 'only {{variable}} placeholders are allowed',
  },
  not_allowed: { 'zh-CN': '您没有权限设置此项', en: 'you are not allowed to set this' },
  ends_before_start: {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'the end date cannot be before the start date',
  },
};

export function fieldError(field: string, code: keyof typeof FieldMessages): FieldError {
  return { field, code, message: code };
}
