import { createHash } from 'node:crypto';
import { DomainError, invalid } from '../errors.ts';
import { DamagedFileError } from './bytes.ts';
import { MEDIA_TYPE_LABELS, sniffMediaType } from './media-sniffer.ts';
import { METADATA_STRIPPERS, type StoredMediaType } from './strip-metadata.ts';

/** Bytes that passed every check, without their identifying metadata, ready to store. */
export interface PreparedAttachment {
  bytes: Uint8Array;
  sha256: string;
  mediaType: StoredMediaType;
}

/** Where the bytes and their declared type came from, so a refusal names the right field. */
export interface AttachmentSource {
  /** The field that carried the bytes: `body`, `photos.0`. */
  field: string;
  /** The type the sender declared (`Content-Type`, a data: URL's type); null when none was declared. */
  declaredType: string | null;
  /** The field that carried the declared type: `content-type`, `photos.0`. */
  declaredField: string;
  /** Types accepted here, in the order messages list them. */
  accepted: readonly StoredMediaType[];
  maxBytes: number;
}

const unsupported = (field: string, message: string) =>
  new DomainError(415, 'unsupported_media_type', 'The file is not of a type accepted here.', {
    [field]: message,
  });

/** A declared media type without parameters, lower-case, with the common `image/jpg` alias resolved. */
export function normaliseMediaType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
}

const SHORT_NAMES: Readonly<Record<StoredMediaType, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

/** "JPEG, PNG or WebP". */
const listOf = (types: readonly StoredMediaType[]) =>
  types
    .map((t) => SHORT_NAMES[t])
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

/**
 * Checks attachment bytes and removes their metadata, before anything is stored: not empty (400),
 * within the size limit (413), a type accepted here judged by the content itself (415), the same
 * type as declared when one was (415 naming the declaring field), and a well-formed file (400).
 * Pure: no I/O, so every attachment of a request can be checked before any of them is kept.
 */
export function prepareAttachment(bytes: Uint8Array, source: AttachmentSource): PreparedAttachment {
  const { field } = source;
  if (bytes.length === 0) throw invalid({ [field]: 'is empty' });
  if (bytes.length > source.maxBytes) {
    throw new DomainError(413, 'payload_too_large', 'The file is too large.', {
      [field]: `must be at most ${source.maxBytes} bytes`,
    });
  }
  const sniffed = sniffMediaType(bytes);
  const accepted = source.accepted.find((t) => t === sniffed);
  if (!accepted) {
    const what = sniffed ? `is ${MEDIA_TYPE_LABELS[sniffed]}` : 'is not a file type Komek knows';
    const hint = sniffed === 'image/heic' ? ' (on an iPhone, choose "Most Compatible" photos)' : '';
    throw unsupported(field, `${what}; send ${listOf(source.accepted)}${hint}`);
  }
  if (source.declaredType !== null && normaliseMediaType(source.declaredType) !== accepted) {
    throw unsupported(
      source.declaredField,
      `says ${normaliseMediaType(source.declaredType)} but the content is ${MEDIA_TYPE_LABELS[accepted]}`,
    );
  }
  let stripped: Uint8Array;
  try {
    stripped = METADATA_STRIPPERS[accepted](bytes);
  } catch (err) {
    if (err instanceof DamagedFileError) throw invalid({ [field]: `is a damaged file (${err.message})` });
    throw err;
  }
  return {
    bytes: stripped,
    sha256: createHash('sha256').update(stripped).digest('hex'),
    mediaType: accepted,
  };
}

/**
 * A file name as an uploader gave it, made safe to keep and show: the last path component only,
 * NFC, without control or bidirectional-override characters, whitespace collapsed, no leading
 * dots, at most 200 characters (the extension kept). Null when nothing is left.
 */
export function sanitiseFileName(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!cleaned) return null;
  const chars = [...cleaned];
  if (chars.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, 200 - [...ext].length).join('') + ext;
}
