import { AttachmentExtensions, AttachmentLimits, AttachmentTypes } from '@aftercare/contracts';
import { fileTypeFromBuffer } from 'file-type';
import type Sharp from 'sharp';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';

/** What an uploaded file turned out to be, by its content. */
/** sharp (libvips) loads with the first image, not at start-up. */
async function loadSharp(): Promise<typeof Sharp> {
  return (await import('sharp')).default;
}

export interface Inspected {
  /** The sanitised name, with the detected type's extension added when it had none. */
  name: string;
  contentType: string;
  isImage: boolean;
}

/** Images larger than this many pixels are refused (decompression bombs). */
const MAX_PIXELS = 50_000_000;
const TEXT_TYPES: Record<string, string> = { txt: 'text/plain', log: 'text/plain', csv: 'text/csv' };
/** OLE compound files (legacy Office) look alike inside; the extension says which one it is. */
const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/**
 * A file name safe to store and to send back: no folders, no control or bidirectional-override characters, no
 * characters Windows refuses, no leading dots, at most AttachmentLimits.nameMax characters (extension kept).
 */
export function sanitizeName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (!name) name = 'file';
  const chars = [...name];
  if (chars.length <= AttachmentLimits.nameMax) return name;
  const ext = extensionOf(name);
  const tail = ext ? `.${ext}` : '';
  return chars.slice(0, AttachmentLimits.nameMax - [...tail].length).join('') + tail;
}

/** The lower-cased extension of a name, or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** UTF-8 text without NUL bytes (what plain text, CSV and log files are). */
function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

function named(name: string, ext: string, allowed: string[]): string {
  return ext ? name : `${name}.${allowed[0] ?? 'bin'}`;
}

/**
 * Decides from the content whether a file is accepted and what it is. The name's extension must agree with
 * the content: a PNG named .pdf, or HTML named .png, is refused (attachment_type_mismatch); content of a type
 * not on the allow-list is refused (attachment_type_refused). A name without extension gets the detected one.
 */
export async function inspect(content: Buffer, rawName: string): Promise<Inspected> {
  if (content.length === 0) throw invalidFields([fieldError('file', 'required')]);
  const name = sanitizeName(rawName);
  const ext = extensionOf(name);
  const detected = await fileTypeFromBuffer(content);
  if (!detected) {
    if (!isPlainText(content)) throw new AppError('attachment_type_refused');
    const textType = TEXT_TYPES[ext];
    if (textType) return { name, contentType: textType, isImage: false };
    if (!ext) return { name: `${name}.txt`, contentType: 'text/plain', isImage: false };
    throw new AppError(
      AttachmentExtensions.includes(ext) ? 'attachment_type_mismatch' : 'attachment_type_refused',
    );
  }
  if (detected.mime === 'application/x-cfb') {
    const legacy = LEGACY_OFFICE[ext];
    if (!legacy) throw new AppError(ext ? 'attachment_type_mismatch' : 'attachment_type_refused');
    return { name, contentType: legacy, isImage: false };
  }
  const allowed = AttachmentTypes[detected.mime];
  if (!allowed || TEXT_TYPES[detected.ext]) throw new AppError('attachment_type_refused');
  if (ext && !allowed.extensions.includes(ext)) throw new AppError('attachment_type_mismatch');
  const isImage = allowed.image === true;
  if (isImage) {
    // An image must decode (and not be absurdly large) to be accepted: previews are made from it.
    try {
      const sharp = await loadSharp();
      const meta = await sharp(content, { limitInputPixels: MAX_PIXELS }).metadata();
      if (!meta.width || !meta.height) throw new Error('no dimensions');
    } catch {
      throw new AppError('attachment_type_refused');
    }
  }
  return { name: named(name, ext, allowed.extensions), contentType: detected.mime, isImage };
}

/**
 * A preview of a raster image, decoded and encoded again as WebP (first frame, at most previewMaxSide pixels,
 * rotated by its EXIF orientation, metadata dropped): whatever else the original bytes carried is gone.
 */
export async function previewOf(content: Buffer): Promise<Buffer> {
  const side = AttachmentLimits.previewMaxSide;
  const sharp = await loadSharp();
  return sharp(content, { limitInputPixels: MAX_PIXELS, animated: false })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
