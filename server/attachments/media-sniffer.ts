/**
 * Media types recognised by their first bytes. Only some are accepted (see attachment.service.ts);
 * the others are recognised so a refusal can say what the file was.
 */
export const SNIFFED_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'image/gif',
  'image/heic',
  'image/avif',
] as const;
export type SniffedMediaType = (typeof SNIFFED_MEDIA_TYPES)[number];

/** How each type is named in messages ("the content is a PNG image"). */
export const MEDIA_TYPE_LABELS: Readonly<Record<SniffedMediaType, string>> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/webp': 'a WebP image',
  'application/pdf': 'a PDF document',
  'image/gif': 'a GIF image',
  'image/heic': 'a HEIC image',
  'image/avif': 'an AVIF image',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// ISO base media file brands of HEIF (HEIC) and AVIF stills and sequences.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The media type the content really is, judged by its signature (never by a name or a header); null when unknown. */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') {
    // AVIF files often list mif1 too, so the major brand decides first.
    const major = ascii(bytes, 8, 4);
    if (AVIF_BRANDS.has(major)) return 'image/avif';
    if (HEIC_BRANDS.has(major)) return 'image/heic';
  }
  return null;
}
