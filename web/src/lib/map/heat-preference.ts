const STORAGE_KEY = 'komek.map.heat';

/** Whether this browser last chose the heat map (off unless chosen; a locked-down kiosk reads off). */
export function storedHeatChoice(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Remembers the choice in this browser; where storage is refused it lasts for the page only. */
export function storeHeatChoice(on: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: nothing to remember it in.
  }
}
