import { JPEG_QUALITY, MAX_PHOTO_BYTES, planResize, UPLOAD_TYPES } from './image-resize.ts';

/** A photo ready to send: its data: URL, what it weighs, and an object URL for the thumbnail. */
export interface PreparedPhoto {
  id: string;
  name: string;
  dataUrl: string;
  bytes: number;
  previewUrl: string;
}

/** Why a picked file cannot be sent; the form names the file. */
export class PhotoError extends Error {
  readonly reason: 'tooLarge' | 'unsupported';
  readonly fileName: string;

  constructor(reason: 'tooLarge' | 'unsupported', fileName: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'PhotoError';
    this.reason = reason;
    this.fileName = fileName;
  }
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the photo'));
    reader.readAsDataURL(blob);
  });
}

/** Draws the decoded photo at the planned size and encodes it as JPEG (which also drops its metadata). */
async function reencode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff'; // a transparent PNG becomes white, not black, as a JPEG
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
}

/**
 * Turns a picked file into what the report sends: large or unusual photos are redrawn as a JPEG
 * of at most 1600 px (upright, as the browser applies the camera's orientation when decoding);
 * small JPEG, PNG and WebP photos go as they are. A photo still over the server's limit, or a
 * file that is not a photo the browser or the server understands, is a PhotoError. The server
 * checks every photo again by its content.
 */
export async function preparePhoto(file: File, maxBytes = MAX_PHOTO_BYTES): Promise<PreparedPhoto> {
  let blob: Blob = file;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // Not decodable here: only a type the server takes may still go as it is.
    if (!UPLOAD_TYPES.includes(file.type)) throw new PhotoError('unsupported', file.name);
  }
  if (bitmap) {
    const plan = planResize({
      width: bitmap.width,
      height: bitmap.height,
      bytes: file.size,
      type: file.type,
    });
    if (plan.reencode) blob = (await reencode(bitmap, plan.width, plan.height)) ?? file;
    bitmap.close();
  }
  if (!UPLOAD_TYPES.includes(blob.type)) throw new PhotoError('unsupported', file.name);
  if (blob.size > maxBytes) throw new PhotoError('tooLarge', file.name);
  return {
    id: crypto.randomUUID(),
    name: file.name,
    dataUrl: await readAsDataUrl(blob),
    bytes: blob.size,
    previewUrl: URL.createObjectURL(blob),
  };
}
