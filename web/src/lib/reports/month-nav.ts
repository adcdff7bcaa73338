/** The month (YYYY-MM) `step` months after `month` (negative: before), across years. */
export function shiftMonth(month: string, step: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const at = new Date(Date.UTC(year, number - 1 + step, 1));
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The channels of a month, busiest first (ties by name), for the summary's table. */
export function channelsByVolume(byChannel: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(byChannel).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
