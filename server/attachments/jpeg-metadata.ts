import { concatBytes, DamagedFileError, hasAscii } from './bytes.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const EXIF_ORIENTATION_TAG = 0x0112;

const damaged = (problem: string) => new DamagedFileError('JPEG', problem);

// Markers that stand alone, without a length: restart markers and TEM.
const isStandalone = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;

/**
 * Whether a marker segment survives. What renders the picture stays (tables, frame, scans, JFIF,
 * the ICC colour profile, Adobe's colour transform); every other application segment and comment
 * goes: APP1 (Exif with GPS position, camera serial and time; XMP), APP13 (Photoshop/IPTC, often
 * author and place), MPF and vendor blocks.
 */
function keepsSegment(marker: number, data: Uint8Array): boolean {
  if (marker === APP0) return true;
  if (marker === APP2) return hasAscii(data, 0, 'ICC_PROFILE\0');
  if (marker === APP14) return hasAscii(data, 0, 'Adobe');
  if (marker >= 0xe0 && marker <= 0xef) return false;
  return marker !== COM;
}

/**
 * The Exif orientation (1-8) of an APP1 segment's data, or null. Phones store pictures as the
 * sensor saw them and say in Exif how to turn them; without it a portrait photo shows on its side.
 * Never throws: metadata that cannot be read is simply not carried over.
 */
export function readExifOrientation(data: Uint8Array): number | null {
  if (!hasAscii(data, 0, 'Exif\0\0')) return null;
  const tiff = new DataView(data.buffer, data.byteOffset + 6, data.byteLength - 6);
  if (tiff.byteLength < 8) return null;
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const le = order === 0x4949;
  if (tiff.getUint16(2, le) !== 42) return null;
  const ifd = tiff.getUint32(4, le);
  if (ifd + 2 > tiff.byteLength) return null;
  const count = tiff.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return null;
    if (tiff.getUint16(entry, le) !== EXIF_ORIENTATION_TAG) continue;
    // SHORT (type 3), one value, stored in the first two bytes of the value field.
    if (tiff.getUint16(entry + 2, le) !== 3 || tiff.getUint32(entry + 4, le) !== 1) return null;
    const value = tiff.getUint16(entry + 8, le);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** A minimal APP1 Exif segment that says only how to turn the picture (big-endian TIFF, one IFD entry). */
export function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at offset 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // Orientation, SHORT, 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ];
  const data = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const length = data.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...data]);
}

/**
 * The end of the entropy-coded data that starts at `from`: the offset of the next marker's first
 * 0xFF (stuffed 0xFF00 bytes and restart markers belong to the data), or the end of the file.
 */
function entropyEnd(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < bytes.length && bytes[j] === 0xff) j++;
    if (j >= bytes.length) return bytes.length;
    const next = bytes[j]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i = j + 1;
    else return i;
  }
  return bytes.length;
}

/**
 * A JPEG without the metadata that could identify whoever took it (see `keepsSegment`), byte for
 * byte the same picture otherwise; the Exif orientation alone is carried over in a minimal Exif
 * segment. Data after the end-of-image marker (vendor trailers, appended files) is dropped. A file
 * cut off inside its image data is kept as it is, as browsers show such files; a broken segment
 * structure throws `DamagedFileError`.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw damaged('does not start with a start-of-image marker');
  const kept: Uint8Array[] = [];
  let orientation: number | null = null;
  let sawScan = false;
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw damaged(`expected a marker at byte ${pos}`);
    let at = pos + 1;
    while (at < bytes.length && bytes[at] === 0xff) at++; // fill bytes
    if (at >= bytes.length) throw damaged('ends inside a marker');
    const marker = bytes[at]!;
    pos = at + 1;
    if (marker === EOI) {
      if (!sawScan) throw damaged('has no image data');
      return assemble(kept, orientation, true);
    }
    if (isStandalone(marker)) {
      kept.push(Uint8Array.of(0xff, marker));
      continue;
    }
    if (marker === SOI || marker === 0x00) throw damaged(`has an unexpected marker at byte ${at}`);
    if (pos + 2 > bytes.length) throw damaged('ends inside a segment header');
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > bytes.length)
      throw damaged(`has a segment longer than the file at byte ${at}`);
    const data = bytes.subarray(pos + 2, pos + length);
    if (keepsSegment(marker, data)) kept.push(bytes.subarray(at - 1, pos + length));
    else if (marker === APP1) orientation ??= readExifOrientation(data);
    pos += length;
    if (marker === SOS) {
      sawScan = true;
      const end = entropyEnd(bytes, pos);
      kept.push(bytes.subarray(pos, end));
      pos = end;
    }
  }
  if (!sawScan) throw damaged('has no image data');
  return assemble(kept, orientation, false);
}

/** SOI, the orientation segment (after JFIF's APP0, which must come first), the kept segments, EOI. */
function assemble(kept: Uint8Array[], orientation: number | null, endMarker: boolean): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
  const jfifFirst = kept[0]?.[1] === APP0;
  if (jfifFirst) parts.push(kept[0]!);
  if (orientation !== null && orientation !== 1) parts.push(orientationSegment(orientation));
  parts.push(...(jfifFirst ? kept.slice(1) : kept));
  if (endMarker) parts.push(Uint8Array.of(0xff, EOI));
  return concatBytes(parts);
}
