import { Type, type Static } from 'typebox';
import type { Locale } from './locale.js';

/** Every error the API can answer with. The web maps the same codes to the same words. */
export const ErrorCodes = {
  validation_failed: {
    status: 400,
    'zh-CN': '提交的内容有误，请检查标出的字段。',
    en: 'Some fields are invalid. Please check the marked fields.',
  },
  bad_request: { status: 400, 'zh-CN': '请求无法处理。', en: 'The request could not be processed.' },
  body_too_large: { status: 413, 'zh-CN': '提交的内容过大。', en: 'The request body is too large.' },
  unsupported_media_type: { status: 415, 'zh-CN': '不支持的内容类型。', en: 'Unsupported content type.' },
  unauthenticated: { status: 401, 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  invalid_credentials: { status: 401, 'zh-CN': '邮箱或密码不正确。', en: 'Email or password is incorrect.' },
  workspace_required: {
    status: 400,
    'zh-CN': '该邮箱属于多个工作区，请填写工作区标识。',
    en: 'This email belongs to several workspaces; please enter the workspace.',
  },
  csrf_failed: {
    status: 403,
    'zh-CN': '页面已过期，请刷新后重试。',
    en: 'This page has expired; reload and try again.',
  },
  forbidden: { status: 403, 'zh-CN': '您没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  not_found: { status: 404, 'zh-CN': '找不到该记录。', en: 'Not found.' },
  conflict: {
    status: 409,
    'zh-CN': '该记录已被他人修改，请刷新后重试。',
    en: 'This record was changed by someone else; reload and try again.',
  },
  duplicate: {
    status: 409,
    'zh-CN': '已存在相同的记录。',
    en: 'A record with the same value already exists.',
  },
  token_invalid: { status: 400, 'zh-CN': '链接无效或已过期。', en: 'This link is invalid or has expired.' },
  rate_limited: {
    status: 429,
    'zh-CN': '尝试次数过多，请稍后再试。',
    en: 'Too many attempts; please try again later.',
  },
  import_failed: {
    status: 422,
    'zh-CN': '导入失败：部分行有错误，没有导入任何数据。',
    en: 'Import failed: some rows have errors; nothing was imported.',
  },
  file_unreadable: {
    status: 422,
    'zh-CN': '无法读取该文件，请上传 CSV 或 XLSX 文件。',
    en: 'The file could not be read; upload a CSV or XLSX file.',
  },
  form_expired: {
    status: 400,
    'zh-CN': '表单已过期，请刷新页面后重新提交。',
    en: 'The form has expired; reload the page and send it again.',
  },
  submission_too_fast: {
    status: 400,
    'zh-CN': '提交过快，请稍候几秒再提交。',
    en: 'That was very fast; wait a few seconds and send again.',
  },
  challenge_failed: {
    status: 400,
    'zh-CN': '人机验证未通过，请重新验证后提交。',
    en: 'The verification did not pass; verify again and send.',
  },
  submission_rejected: {
    status: 400,
    'zh-CN': '提交未被接受。',
    en: 'The submission was not accepted.',
  },
  case_closed: {
    status: 409,
    'zh-CN': '该工单已关闭，不能再修改或回复。',
    en: 'This case is closed and can no longer be changed or answered.',
  },
  reopen_window_passed: {
    status: 409,
    'zh-CN': '该工单已解决超过可重新打开的期限，请提交新的工单。',
    en: 'This case was solved too long ago to be reopened; please open a new case.',
  },
  charge_not_accepted: {
    status: 422,
    'zh-CN': '升级严重级别需付费，请先确认接受费用。',
    en: 'Raising the severity is chargeable; please accept the charge first.',
  },
  open_blocking_items: {
    status: 409,
    'zh-CN': '该工单还有未完成的阻塞问题，完成后才能解决。',
    en: 'This case still has open blocking items; finish them before solving it.',
  },
  contact_unreachable: {
    status: 409,
    'zh-CN': '该工单没有带邮箱的联系人，无法发送确认链接。',
    en: 'This case has no contact with an email address to send the link to.',
  },
  module_disabled: { status: 404, 'zh-CN': '找不到该记录。', en: 'Not found.' },
  account_disabled: { status: 403, 'zh-CN': '该账号已停用。', en: 'This account is disabled.' },
  weak_password: {
    status: 400,
    'zh-CN': '密码至少需要 10 个字符。',
    en: 'The password must have at least 10 characters.',
  },
  last_admin: {
    status: 409,
    'zh-CN': '工作区至少需要保留一名管理员。',
    en: 'The workspace must keep at least one administrator.',
  },
  internal: {
    status: 500,
    'zh-CN': '服务器出错了，我们已记录该问题。',
    en: 'Something went wrong on our side; it has been logged.',
  },
  unavailable: { status: 503, 'zh-CN': '服务暂不可用。', en: 'Service unavailable.' },
  attachment_too_large: {
    status: 413,
    'zh-CN': '文件超过 10 MB 的上限。',
    en: 'The file is larger than the 10 MB limit.',
  },
  attachment_type_refused: {
    status: 415,
    'zh-CN':
      '不支持该文件类型：可上传图片（PNG、JPEG、GIF、WebP）、PDF、ZIP、Office 文档和纯文本（TXT、CSV、LOG）。',
    en: 'This type of file is not accepted: upload images (PNG, JPEG, GIF, WebP), PDF, ZIP, Office documents or plain text (TXT, CSV, LOG).',
  },
  attachment_type_mismatch: {
    status: 415,
    'zh-CN': '文件扩展名与文件内容不符，请检查文件后重新上传。',
    en: 'The file name’s extension does not match what the file contains; check the file and upload it again.',
  },
  return_transition_refused: {
    status: 409,
    'zh-CN': '退货申请当前的状态不允许此操作，请刷新后查看。',
    en: 'The return request is not in a state that allows this; reload to see where it stands.',
  },
  return_appeal_used: {
    status: 409,
    'zh-CN': '每个退货申请只能申诉一次。',
    en: 'A return decision can be appealed only once.',
  },
  return_policy_missing: {
    status: 422,
    'zh-CN': '尚未设置退货审核规则，请联系服务商。',
    en: 'No return policy is set up yet; please contact the service team.',
  },
  return_not_your_department: {
    status: 403,
    'zh-CN': '您只能给出本部门的审核意见。',
    en: 'You can only give your own department’s verdict.',
  },
} as const satisfies Record<string, { status: number } & Record<Locale, string>>;

export type ErrorCode = keyof typeof ErrorCodes;

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ErrorCodes[code][locale];
}

export const FieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer-like path of the field, e.g. "lines/0/quantity"' }),
  code: Type.String(),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;
