/** Why the browser could not say where the resident is: each has its own message on the form. */
export type LocateFailure = 'denied' | 'unavailable' | 'unsupported';

/** A failed "use my location". */
export class LocateError extends Error {
  readonly reason: LocateFailure;

  constructor(reason: LocateFailure) {
    super(`geolocation ${reason}`);
    this.name = 'LocateError';
    this.reason = reason;
  }
}

/** GeolocationPositionError's codes: 1 is a refusal (by the person, the browser or an http page); 2 and 3 mean no fix. */
export const locateFailure = (code: number): LocateFailure => (code === 1 ? 'denied' : 'unavailable');

/** Degrees to six decimals (about 10 cm), as the map's own picks are. */
export const roundDegrees = (degrees: number): number => Math.round(degrees * 1e6) / 1e6;

/** Where the device is, once; rejects with a LocateError. */
export function locate(timeoutMs = 15_000): Promise<{ lat: number; lon: number }> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      reject(new LocateError('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: roundDegrees(position.coords.latitude),
          lon: roundDegrees(position.coords.longitude),
        }),
      (error) => reject(new LocateError(locateFailure(error.code))),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
