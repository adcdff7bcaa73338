import { stripJpegMetadata } from './jpeg-metadata.ts';
import { stripPngMetadata } from './png-metadata.ts';
import { stripWebpMetadata } from './webp-metadata.ts';

/** The media types Komek stores, each with the function that removes what could identify a resident. */
export const METADATA_STRIPPERS = {
  'image/jpeg': stripJpegMetadata,
  'image/png': stripPngMetadata,
  'image/webp': stripWebpMetadata,
  // PDFs from staff are stored as they are: their document properties are not rewritten (yet).
  'application/pdf': (bytes: Uint8Array) => bytes,
} as const satisfies Record<string, (bytes: Uint8Array) => Uint8Array>;

/** A media type that is stored. */
export type StoredMediaType = keyof typeof METADATA_STRIPPERS;
