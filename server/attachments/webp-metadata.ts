import { concatBytes, DamagedFileError, hasAscii } from './bytes.ts';

const RIFF_HEADER_LENGTH = 12;
const CHUNK_HEADER_LENGTH = 8;
// VP8X flags (first byte of its data): E = Exif present, X = XMP present.
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);

/** The chunks that hold Exif (GPS position, camera, time) and XMP (author, place, history). */
export const WEBP_METADATA_CHUNKS: ReadonlySet<string> = new Set(['EXIF', 'XMP ']);

const damaged = (problem: string) => new DamagedFileError('WebP', problem);

/**
 * A WebP without its EXIF and XMP chunks: the VP8X header stops announcing them and the RIFF size
 * is rewritten to the new length. Other chunks are copied byte for byte; bytes past the RIFF size
 * are dropped. A broken structure throws `DamagedFileError`.
 */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array {
  if (!hasAscii(bytes, 0, 'RIFF') || !hasAscii(bytes, 8, 'WEBP')) throw damaged('has no RIFF/WEBP header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) throw damaged('is shorter than its RIFF header says');
  const kept: Uint8Array[] = [];
  let pos = RIFF_HEADER_LENGTH;
  while (pos < riffEnd) {
    if (pos + CHUNK_HEADER_LENGTH > riffEnd) throw damaged(`ends inside a chunk header at byte ${pos}`);
    const fourCc = String.fromCharCode(...bytes.subarray(pos, pos + 4));
    const size = view.getUint32(pos + 4, true);
    const dataEnd = pos + CHUNK_HEADER_LENGTH + size;
    if (dataEnd > riffEnd) throw damaged(`has a "${fourCc}" chunk longer than the file`);
    if (kept.length === 0 && !IMAGE_CHUNKS.has(fourCc))
      throw damaged('does not start with a VP8, VP8L or VP8X chunk');
    // Chunks are padded to an even size; a writer that left off the last pad byte gets it back.
    const chunk = bytes.subarray(pos, dataEnd);
    const padded = size % 2 === 1 ? concatBytes([chunk, Uint8Array.of(0)]) : chunk;
    if (fourCc === 'VP8X') {
      if (size < 1) throw damaged('has an empty VP8X chunk');
      const copy = padded.slice();
      copy[CHUNK_HEADER_LENGTH] = copy[CHUNK_HEADER_LENGTH]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(copy);
    } else if (!WEBP_METADATA_CHUNKS.has(fourCc)) {
      kept.push(padded);
    }
    pos = dataEnd + (size % 2);
  }
  if (kept.length === 0) throw damaged('has no image data');
  const body = concatBytes(kept);
  const header = new Uint8Array(RIFF_HEADER_LENGTH);
  header.set(bytes.subarray(0, RIFF_HEADER_LENGTH));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concatBytes([header, body]);
}
