import { crc32 } from 'node:zlib';

// Hand-built image files: the right structure and metadata, tiny and readable; no image library.

const bytesOf = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

/** Joins byte arrays and numbers into one array. */
export function bytes(...parts: (Uint8Array | readonly number[] | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? bytesOf(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Whether `haystack` contains the ASCII text `needle`. */
export function containsText(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));
}

const u16be = (n: number) => [n >> 8, n & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** The location the metadata of every fixture gives away. */
export const SECRET_GPS = 'GPS 51.1280N 71.4300E';
/** The name the metadata of every fixture gives away. */
export const SECRET_AUTHOR = 'Aigerim Bekova';

// ---- JPEG ----

/** A JPEG marker segment: FF, marker, length, data. */
export const jpegSegment = (marker: number, data: Uint8Array | string) => {
  const body = typeof data === 'string' ? bytesOf(data) : data;
  return bytes([0xff, marker], u16be(body.length + 2), body);
};

/** An APP1 Exif segment with an Orientation tag and a GPS text, in either byte order. */
export function exifSegment(orientation: number, order: 'II' | 'MM' = 'II'): Uint8Array {
  const [u16, u32] = order === 'II' ? [u16le, u32le] : [u16be, u32be];
  const tiff = bytes(
    order,
    u16(42),
    u32(8),
    u16(2),
    [...u16(0x010f), ...u16(2), ...u32(4), ...bytesOf('Cam\0')], // Make, ASCII, inline
    [...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0], // Orientation
    u32(0),
    SECRET_GPS,
  );
  return jpegSegment(0xe1, bytes('Exif\0\0', tiff));
}

export const JFIF = jpegSegment(0xe0, bytes('JFIF\0', [1, 2, 0, 0, 1, 0, 1, 0, 0]));
export const ICC = jpegSegment(0xe2, bytes('ICC_PROFILE\0', [1, 1], 'profile-bytes'));
export const ADOBE = jpegSegment(0xee, bytes('Adobe', [0, 100, 0, 0, 0, 0, 1]));
export const DQT = jpegSegment(0xdb, bytes([0], new Array<number>(64).fill(1)));
export const SOF0 = jpegSegment(0xc0, bytes([8], u16be(2), u16be(2), [1, 1, 0x11, 0]));
export const DHT = jpegSegment(0xc4, bytes([0], new Array<number>(16).fill(0)));
export const SOS = jpegSegment(0xda, bytes([1, 1, 0, 0, 63, 0]));
/** Entropy-coded data with a stuffed 0xFF00 and a restart marker, both of which belong to the scan. */
export const SCAN_DATA = bytes([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a]);
export const EOI = bytes([0xff, 0xd9]);

/** What a stripped fixture must still hold, in order: the picture itself. */
export const JPEG_PICTURE = bytes(DQT, SOF0, DHT, SOS, SCAN_DATA);

/**
 * A JPEG as a phone writes it: JFIF, Exif with orientation and GPS, XMP, ICC profile, Photoshop
 * IRB, a vendor APP segment, a comment, the picture, and a trailer after the end marker.
 */
export function phoneJpeg(options: { orientation?: number; order?: 'II' | 'MM' } = {}): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    JFIF,
    exifSegment(options.orientation ?? 6, options.order),
    jpegSegment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${SECRET_AUTHOR}</dc:creator>`),
    ICC,
    jpegSegment(0xed, `Photoshop 3.0\u00008BIM byline ${SECRET_AUTHOR}`),
    jpegSegment(0xe9, 'vendor serial 12345'),
    ADOBE,
    jpegSegment(0xfe, `taken by ${SECRET_AUTHOR}`),
    JPEG_PICTURE,
    EOI,
    `trailer ${SECRET_GPS}`,
  );
}

// ---- PNG ----

export const PNG_SIGNATURE = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG chunk with a correct CRC. */
export function pngChunk(type: string, data: Uint8Array | string = new Uint8Array()): Uint8Array {
  const body = typeof data === 'string' ? bytesOf(data) : data;
  const typed = bytes(type, body);
  return bytes(u32be(body.length), typed, u32be(crc32(typed)));
}

export const IHDR = pngChunk('IHDR', bytes(u32be(1), u32be(1), [8, 2, 0, 0, 0]));
export const PHYS = pngChunk('pHYs', bytes(u32be(2835), u32be(2835), [1]));
export const IDAT = pngChunk(
  'IDAT',
  bytes([0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]),
);
export const IEND = pngChunk('IEND');

/** A PNG with every metadata chunk the stripper removes, and bytes after IEND. */
export function metadataPng(): Uint8Array {
  return bytes(
    PNG_SIGNATURE,
    IHDR,
    pngChunk('tEXt', `Author\0${SECRET_AUTHOR}`),
    pngChunk('eXIf', bytes('MM', [0, 42], SECRET_GPS)),
    PHYS,
    pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${SECRET_GPS}`),
    pngChunk('zTXt', bytes('Comment\0', [0], 'compressed?')),
    pngChunk('tIME', bytes(u16be(2026), [11, 26, 9, 30, 0])),
    IDAT,
    IEND,
    `after the end ${SECRET_AUTHOR}`,
  );
}

// ---- WebP ----

/** A RIFF chunk: FourCC, little-endian size, data, a pad byte when the size is odd. */
export function riffChunk(fourCc: string, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? bytesOf(data) : data;
  return bytes(fourCc, u32le(body.length), body, body.length % 2 ? [0] : []);
}

/** A RIFF/WEBP file around `chunks`, with the right size. */
export const webpFile = (...chunks: Uint8Array[]) => {
  const body = bytes(...chunks);
  return bytes('RIFF', u32le(4 + body.length), 'WEBP', body);
};

/** VP8X announcing ICC, alpha, Exif and XMP (flags 0x3c), 1×1 canvas. */
export const vp8x = (flags = 0x3c) => riffChunk('VP8X', bytes([flags, 0, 0, 0], [0, 0, 0], [0, 0, 0]));
/** An odd-sized frame, so its pad byte is exercised. */
export const VP8_FRAME = riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01]));
export const ICCP = riffChunk('ICCP', 'profile');

/** An extended WebP with ICC, the frame, Exif and XMP. */
export function metadataWebp(): Uint8Array {
  return webpFile(
    vp8x(),
    ICCP,
    VP8_FRAME,
    riffChunk('EXIF', bytes('MM', [0, 42], SECRET_GPS)),
    riffChunk('XMP ', `<x:xmpmeta>${SECRET_AUTHOR}</x:xmpmeta>`),
  );
}

// ---- others ----

export const PDF = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const GIF = bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], ';');
export const HEIC = bytes(u32be(24), 'ftyp', 'heic', u32be(0), 'mif1', 'heic');
