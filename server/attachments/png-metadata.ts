import { concatBytes, DamagedFileError } from './bytes.ts';

const SIGNATURE_LENGTH = 8;
const CHUNK_TYPE = /^[A-Za-z]{4}$/;

/**
 * Chunks that carry words or times about the picture rather than the picture: Exif (eXIf, which
 * holds GPS positions), free text (tEXt, zTXt, iTXt: author, software, comments, XMP) and the
 * last-modified time (tIME).
 */
export const PNG_METADATA_CHUNKS: ReadonlySet<string> = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

const damaged = (problem: string) => new DamagedFileError('PNG', problem);

/**
 * A PNG without its metadata chunks, every other chunk copied byte for byte (their CRCs stay
 * valid); anything after IEND is dropped. A broken chunk structure throws `DamagedFileError`.
 */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, SIGNATURE_LENGTH)];
  let pos = SIGNATURE_LENGTH;
  let first = true;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!CHUNK_TYPE.test(type)) throw damaged(`has a malformed chunk type at byte ${pos + 4}`);
    if (first && type !== 'IHDR') throw damaged('does not start with an IHDR chunk');
    first = false;
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw damaged(`has a ${type} chunk longer than the file`);
    if (!PNG_METADATA_CHUNKS.has(type)) kept.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return concatBytes(kept);
  }
  throw damaged('ends before its IEND chunk');
}
