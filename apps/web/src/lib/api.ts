import type { FieldError } from '@aftercare/contracts';

/** An error answered by the API (always `{ error: { code, message, details?, requestId } }`) or the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Field-level problems of a `validation_failed` answer. */
  get fieldErrors(): FieldError[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldError);
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).field === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let languageOf: () => string = () => 'zh-CN';
let networkMessage: () => string = () => 'Network error';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The API client asks these for the current UI language and for the text of network failures. */
export function configureApi(options: { language: () => string; networkMessage: () => string }): void {
  languageOf = options.language;
  networkMessage = options.networkMessage;
}

/** A list is sent as the same key repeated (?status=new&status=open). */
export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  query?: QueryParams;
  signal?: AbortSignal;
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return errorFromBody(response.status, body, response.headers.get('x-request-id'));
}

function errorFromBody(status: number, body: unknown, requestId: string | null): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : null;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : 'internal',
      typeof e.message === 'string' ? e.message : `HTTP ${status}`,
      e.details,
      typeof e.requestId === 'string' ? e.requestId : (requestId ?? undefined),
    );
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'bad_request', `HTTP ${status}`, undefined);
}

async function refreshCsrfToken(): Promise<void> {
  const response = await fetch('/api/auth/me', {
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'accept-language': languageOf() },
  });
  if (response.ok) {
    const me = (await response.json()) as { csrfToken?: string };
    csrfToken = me.csrfToken ?? null;
  }
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': languageOf(),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}${buildQuery(options.query)}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', networkMessage());
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (error.code === 'csrf_failed' && !retried) {
      await refreshCsrfToken();
      return request<T>(method, path, body, options, true);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface UploadOptions {
  query?: QueryParams;
  field?: string;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** multipart/form-data upload with progress (fetch cannot report upload progress; XHR can). */
function upload<T>(path: string, file: File | Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}${buildQuery(options.query)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', languageOf());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) {
        options.onProgress(Math.round((event.loaded / event.total) * 100));
      }
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorFromBody(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', networkMessage()));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append(options.field ?? 'file', file);
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, undefined, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) =>
    request<T>('POST', path, body ?? {}, { query }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = { ok: boolean }>(path: string) => request<T>('DELETE', path),
  upload,
};
