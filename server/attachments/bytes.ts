/** Thrown by the metadata strippers when a file's structure is broken; the service turns it into a 400. */
export class DamagedFileError extends Error {
  readonly format: string;

  constructor(format: string, problem: string) {
    super(`${format}: ${problem}`);
    this.format = format;
  }
}

/** Joins byte slices into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Whether `bytes` at `at` spell `text` (ASCII). */
export function hasAscii(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
