import { describe, expect, it } from 'vitest';
import {
  ADOBE,
  bytes,
  containsText,
  DHT,
  DQT,
  EOI,
  exifSegment,
  ICC,
  JFIF,
  JPEG_PICTURE,
  jpegSegment,
  phoneJpeg,
  SCAN_DATA,
  SECRET_AUTHOR,
  SECRET_GPS,
  SOF0,
  SOS,
} from '../../tests/support/image-fixtures.ts';
import { DamagedFileError } from './bytes.ts';
import { orientationSegment, readExifOrientation, stripJpegMetadata } from './jpeg-metadata.ts';

const SOI = [0xff, 0xd8];
const exifData = (segment: Uint8Array) => segment.subarray(4);

describe('stripJpegMetadata', () => {
  it('keeps JFIF, ICC, Adobe and the picture; drops Exif, XMP, Photoshop, vendor blocks, comments and the trailer', () => {
    const stripped = stripJpegMetadata(phoneJpeg({ orientation: 1 }));
    expect(stripped).toEqual(bytes(SOI, JFIF, ICC, ADOBE, JPEG_PICTURE, EOI));
    expect(containsText(stripped, SECRET_GPS)).toBe(false);
    expect(containsText(stripped, SECRET_AUTHOR)).toBe(false);
    expect(containsText(stripped, 'Exif')).toBe(false);
  });

  it('carries the orientation over in a minimal Exif segment right after JFIF', () => {
    for (const order of ['II', 'MM'] as const) {
      const stripped = stripJpegMetadata(phoneJpeg({ orientation: 6, order }));
      expect(stripped).toEqual(bytes(SOI, JFIF, orientationSegment(6), ICC, ADOBE, JPEG_PICTURE, EOI));
      expect(containsText(stripped, SECRET_GPS)).toBe(false);
      expect(containsText(stripped, 'Cam')).toBe(false);
    }
  });

  it('puts the orientation right after SOI when there is no JFIF segment', () => {
    const jpeg = bytes(SOI, exifSegment(8), DQT, SOF0, DHT, SOS, SCAN_DATA, EOI);
    expect(stripJpegMetadata(jpeg)).toEqual(
      bytes(SOI, orientationSegment(8), DQT, SOF0, DHT, SOS, SCAN_DATA, EOI),
    );
  });

  it('is idempotent', () => {
    const once = stripJpegMetadata(phoneJpeg());
    expect(stripJpegMetadata(once)).toEqual(once);
  });

  it('reads the scan through stuffed bytes and restart markers, and strips a comment between progressive scans', () => {
    const secondScan = bytes(SOS, [0xff, 0x00, 0xff, 0xd7, 0x01]);
    const jpeg = bytes(SOI, JPEG_PICTURE, jpegSegment(0xfe, SECRET_AUTHOR), DHT, secondScan, EOI);
    expect(stripJpegMetadata(jpeg)).toEqual(bytes(SOI, JPEG_PICTURE, DHT, secondScan, EOI));
  });

  it('skips fill bytes before a marker', () => {
    const jpeg = bytes(SOI, [0xff], jpegSegment(0xfe, 'note'), [0xff, 0xff], DQT, SOF0, SOS, SCAN_DATA, EOI);
    expect(stripJpegMetadata(jpeg)).toEqual(bytes(SOI, DQT, SOF0, SOS, SCAN_DATA, EOI));
  });

  it('keeps a file cut off inside its scan as it is, as browsers show such files', () => {
    const cut = bytes(SOI, exifSegment(1), DQT, SOF0, SOS, SCAN_DATA.subarray(0, 5));
    expect(stripJpegMetadata(cut)).toEqual(bytes(SOI, DQT, SOF0, SOS, SCAN_DATA.subarray(0, 5)));
  });

  it.each([
    ['no start-of-image marker', bytes([0xff, 0xd9])],
    ['a segment longer than the file', bytes(SOI, [0xff, 0xe1, 0x40, 0x00], 'Exif')],
    ['garbage between segments', bytes(SOI, DQT, [0x12], SOF0, SOS, SCAN_DATA, EOI)],
    ['no image data', bytes(SOI, JFIF, exifSegment(1), EOI)],
    ['nothing after the header', bytes(SOI, JFIF)],
    ['a segment length below 2', bytes(SOI, [0xff, 0xdb, 0x00, 0x01], SOS, EOI)],
    ['a second start-of-image', bytes(SOI, SOI, SOS, SCAN_DATA, EOI)],
  ])('refuses %s as damaged', (_name, jpeg) => {
    expect(() => stripJpegMetadata(jpeg)).toThrow(DamagedFileError);
  });
});

describe('readExifOrientation', () => {
  it('reads Orientation in both byte orders, and gives null for anything it cannot read', () => {
    expect(readExifOrientation(exifData(exifSegment(3, 'II')))).toBe(3);
    expect(readExifOrientation(exifData(exifSegment(5, 'MM')))).toBe(5);
    expect(readExifOrientation(exifData(orientationSegment(7)))).toBe(7);
    expect(readExifOrientation(exifData(exifSegment(9)))).toBeNull();
    expect(readExifOrientation(bytes('http://ns.adobe.com/xap/1.0/\0'))).toBeNull();
    expect(readExifOrientation(bytes('Exif\0\0', 'XX'))).toBeNull();
    expect(readExifOrientation(bytes('Exif\0\0', 'II', [42, 0, 0xff, 0xff, 0, 0]))).toBeNull();
    // An IFD that claims more entries than the segment holds.
    expect(readExifOrientation(bytes('Exif\0\0', 'II', [42, 0, 8, 0, 0, 0, 9, 0]))).toBeNull();
  });
});
