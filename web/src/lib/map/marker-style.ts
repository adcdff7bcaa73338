import type { Ticket } from '#contracts/ticket.contract.ts';
import { isOverdue } from '../tickets/ticket-state.ts';
import { slaLevel, ticketSlaLevel, type MapPoint, type SlaLevel } from './map-point.ts';

type TicketState = Ticket['state'];

/** How one ticket is drawn on the map (Leaflet CircleMarker options, minus the renderer). */
export interface MarkerStyle {
  radius: number;
  color: string;
  fillColor: string;
  fillOpacity: number;
  weight: number;
}

/** Overdue wins over any state colour: it is what a supervisor must see first. */
export const OVERDUE_COLOR = '#ff3b3b';

/**
 * Colours by the worst deadline, red, amber, green as traffic lights: clusters take their worst
 * ticket's, and the wall draws its lone tickets the same way, so one legend explains the whole map.
 */
export const SLA_COLORS: Readonly<Record<SlaLevel, string>> = {
  breached: OVERDUE_COLOR,
  warning: '#f59e0b',
  on_time: '#22c55e',
};

/**
 * Fill colours chosen to stay apart from each other and from red on a dark map. Accepted sits
 * between assigned's yellow and in-progress green as orange; on hold is magenta, apart from
 * received's pale lavender, so a paused ticket reads as stopped rather than new.
 */
export const STATE_COLORS: Readonly<Record<TicketState, string>> = {
  received: '#c4b5fd',
  registered: '#38bdf8',
  assigned: '#facc15',
  accepted: '#fb923c',
  in_progress: '#4ade80',
  on_hold: '#d946ef',
  merged: '#2dd4bf',
  resolved: '#94a3b8',
  closed: '#64748b',
  closed_first_contact: '#64748b',
  cancelled: '#475569',
};

/** The states the wallboard legend explains, in workflow order, then overdue. */
export const LEGEND_STATES: readonly TicketState[] = [
  'received',
  'registered',
  'assigned',
  'accepted',
  'in_progress',
  'on_hold',
  'merged',
  'resolved',
];

/** The style of a ticket's marker at `now`. */
export function markerStyle(ticket: Pick<Ticket, 'state' | 'resolveDueAt'>, now: Date): MarkerStyle {
  return styleFor(ticket.state, isOverdue(ticket, now));
}

/** The style of a marker in `state`, overdue or not, `scale` times the 1080p size. */
export function styleFor(state: TicketState, overdue: boolean, scale = 1): MarkerStyle {
  if (overdue) {
    return {
      radius: 10 * scale,
      color: '#ffffff',
      fillColor: OVERDUE_COLOR,
      fillOpacity: 0.95,
      weight: 2 * scale,
    };
  }
  return {
    radius: 7 * scale,
    color: '#0b1220',
    fillColor: STATE_COLORS[state],
    fillOpacity: 0.9,
    weight: 1.5 * scale,
  };
}

/** The style of a wall's lone ticket at deadline level `sla`: overdue as everywhere, else amber or green. */
export function slaStyle(sla: SlaLevel, scale = 1): MarkerStyle {
  if (sla === 'breached') return styleFor('registered', true, scale);
  return { ...styleFor('registered', false, scale), fillColor: SLA_COLORS[sla] };
}

// 50,000 markers share a handful of styles: one object per deadline level and scale.
const sharedStyles = new Map<string, MarkerStyle>();
const sharedStyle = (sla: SlaLevel, scale: number): MarkerStyle => {
  const key = `${sla}|${scale}`;
  let style = sharedStyles.get(key);
  if (!style) sharedStyles.set(key, (style = Object.freeze(slaStyle(sla, scale))));
  return style;
};

/** The marker of a map point at `nowMs`, coloured by its deadline, `scale` times the 1080p size (the wall's live map). */
export function pointMarker(point: MapPoint, nowMs: number, scale = 1): MapMarker {
  const sla = slaLevel(point, nowMs);
  return {
    id: point.id,
    lat: point.lat,
    lon: point.lon,
    style: sharedStyle(sla, scale),
    label: point.label,
    sla,
  };
}

/** One marker the map component draws; `id` lets it update markers in place. */
export interface MapMarker {
  id: number;
  lat: number;
  lon: number;
  style: MarkerStyle;
  /** Text for the marker's tooltip. */
  label: string;
  /** How urgent the ticket is: a cluster takes the colour of its worst. */
  sla: SlaLevel;
}

/**
 * Markers for the tickets that have a location, overdue ones last so the canvas paints them on
 * top of the crowd.
 */
export function ticketMarkers(
  tickets: readonly Ticket[],
  now: Date,
  label: (t: Ticket) => string,
): MapMarker[] {
  const markers: MapMarker[] = [];
  for (const t of tickets) {
    if (t.lat === null || t.lon === null) continue;
    markers.push({
      id: t.id,
      lat: t.lat,
      lon: t.lon,
      style: markerStyle(t, now),
      label: label(t),
      sla: ticketSlaLevel(t, now),
    });
  }
  return markers.sort(
    (a, b) => Number(a.style.fillColor === OVERDUE_COLOR) - Number(b.style.fillColor === OVERDUE_COLOR),
  );
}

/**
 * Markers drawn `scale` times larger (radius and outline): a 4K wall is read from as far as a 1080p
 * one, so its dots grow with the screen like its text does.
 */
export function scaleMarkers(markers: readonly MapMarker[], scale: number): MapMarker[] {
  if (scale === 1) return [...markers];
  return markers.map((m) => ({
    ...m,
    style: { ...m.style, radius: m.style.radius * scale, weight: m.style.weight * scale },
  }));
}

/** Whether two styles draw the same (so an unchanged marker is not repainted). */
export const sameStyle = (a: MarkerStyle, b: MarkerStyle): boolean =>
  a.radius === b.radius &&
  a.color === b.color &&
  a.fillColor === b.fillColor &&
  a.fillOpacity === b.fillOpacity &&
  a.weight === b.weight;

/** What to do to the drawn markers to show `next`: the smallest set of Leaflet calls. */
export interface MarkerPlan {
  add: MapMarker[];
  restyle: MapMarker[];
  move: MapMarker[];
  remove: number[];
}

/** Compares what is drawn with what should be, by ticket id. */
export function planMarkers(drawn: ReadonlyMap<number, MapMarker>, next: readonly MapMarker[]): MarkerPlan {
  const plan: MarkerPlan = { add: [], restyle: [], move: [], remove: [] };
  const wanted = new Set<number>();
  for (const marker of next) {
    wanted.add(marker.id);
    const current = drawn.get(marker.id);
    if (!current) plan.add.push(marker);
    else {
      if (!sameStyle(current.style, marker.style)) plan.restyle.push(marker);
      if (current.lat !== marker.lat || current.lon !== marker.lon) plan.move.push(marker);
    }
  }
  for (const id of drawn.keys()) if (!wanted.has(id)) plan.remove.push(id);
  return plan;
}
