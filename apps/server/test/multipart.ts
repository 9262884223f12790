import { randomUUID } from 'node:crypto';
import type { Client, Reply } from './client.js';

/** A 1×1 PNG (a real image: it decodes). */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body with one file part, built by hand as a browser sends it. */
export function multipartBody(
  content: Buffer | string,
  { filename = 'file.bin', field = 'file', type = 'application/octet-stream' } = {},
): { body: Buffer; contentType: string } {
  const boundary = `----AftercareTest${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads one file with a multipart POST. */
export function uploadFile<T = unknown>(
  client: Client,
  url: string,
  content: Buffer | string,
  options: { filename?: string; field?: string; type?: string } = {},
): Promise<Reply<T>> {
  const { body, contentType } = multipartBody(content, options);
  return client.request<T>('POST', url, body, { 'content-type': contentType });
}
