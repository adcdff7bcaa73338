/** Photo types the server accepts from residents; anything else the browser can decode is re-encoded as JPEG. */
export const UPLOAD_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The long edge a resized photo gets: enough for an operator to see a pothole, small on mobile data. */
export const MAX_EDGE_PX = 1600;

/** Photos smaller than this and within MAX_EDGE_PX are sent as they are (the server strips metadata). */
export const KEEP_AS_IS_BYTES = 1_500_000;

/** JPEG quality of re-encoded photos. */
export const JPEG_QUALITY = 0.85;

/** What the form knows about a picked photo once the browser has decoded it. */
export interface PhotoSource {
  width: number;
  height: number;
  bytes: number;
  type: string;
}

/** Whether to draw the photo into a canvas and send that JPEG instead, and at what size. */
export interface ResizePlan {
  reencode: boolean;
  width: number;
  height: number;
}

/**
 * How to send one photo: re-encoded as JPEG when it is larger than MAX_EDGE_PX, heavier than
 * KEEP_AS_IS_BYTES or of a type the server refuses (HEIC, GIF…); otherwise as it is.
 */
export function planResize(
  source: PhotoSource,
  maxEdgePx = MAX_EDGE_PX,
  keepBytes = KEEP_AS_IS_BYTES,
): ResizePlan {
  const longEdge = Math.max(source.width, source.height);
  const scale = longEdge > maxEdgePx ? maxEdgePx / longEdge : 1;
  const reencode = scale < 1 || source.bytes > keepBytes || !UPLOAD_TYPES.includes(source.type);
  return {
    reencode,
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}

/** The server's default ATTACHMENT_MAX_BYTES (10 MB): /api/settings does not publish the configured one. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Whole megabytes for messages ("at most 10 MB"). */
export const megabytes = (bytes: number): number => Math.max(1, Math.floor(bytes / (1024 * 1024)));
