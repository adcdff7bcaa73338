import { describe, expect, it } from 'vitest';
import { FINAL_TICKET_STATES, TICKET_STATES } from '../ticket-vocabulary.ts';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { toMapPoint } from './map-point.ts';
import {
  LEGEND_STATES,
  markerStyle,
  OVERDUE_COLOR,
  planMarkers,
  pointMarker,
  SLA_COLORS,
  sameStyle,
  scaleMarkers,
  STATE_COLORS,
  ticketMarkers,
  type MapMarker,
} from './marker-style.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const later = '2026-11-25T12:00:00.000Z';
const earlier = '2026-11-25T09:00:00.000Z';

describe('markerStyle', () => {
  it('colours an open ticket by its state', () => {
    expect(markerStyle(ticketFactory({ state: 'registered', resolveDueAt: later }), now).fillColor).toBe(
      STATE_COLORS.registered,
    );
    expect(markerStyle(ticketFactory({ state: 'in_progress', resolveDueAt: null }), now).fillColor).toBe(
      STATE_COLORS.in_progress,
    );
  });

  it('draws an overdue ticket red and larger, whatever its state', () => {
    const overdue = markerStyle(ticketFactory({ state: 'assigned', resolveDueAt: earlier }), now);
    const onTime = markerStyle(ticketFactory({ state: 'assigned', resolveDueAt: later }), now);
    expect(overdue.fillColor).toBe(OVERDUE_COLOR);
    expect(overdue.radius).toBeGreaterThan(onTime.radius);
  });

  it('never calls a closed ticket overdue', () => {
    expect(markerStyle(ticketFactory({ state: 'closed', resolveDueAt: earlier }), now).fillColor).toBe(
      STATE_COLORS.closed,
    );
  });

  it('gives every state a distinct colour from overdue red', () => {
    for (const color of Object.values(STATE_COLORS)) expect(color).not.toBe(OVERDUE_COLOR);
  });

  it('gives every open state a colour of its own', () => {
    const colors = LEGEND_STATES.map((state) => STATE_COLORS[state].toLowerCase());
    expect(new Set(colors).size).toBe(colors.length);
  });
});

describe('LEGEND_STATES', () => {
  it('explains every state a ticket on the wallboard can be in, in workflow order', () => {
    const final: readonly string[] = FINAL_TICKET_STATES;
    expect(LEGEND_STATES).toEqual(TICKET_STATES.filter((state) => !final.includes(state)));
  });
});

describe('ticketMarkers', () => {
  it('skips tickets without a location and paints overdue ones last', () => {
    const markers = ticketMarkers(
      [
        ticketFactory({ id: 1, resolveDueAt: earlier }),
        ticketFactory({ id: 2, resolveDueAt: later }),
        ticketFactory({ id: 3, lat: null, lon: null }),
      ],
      now,
      (t) => String(t.id),
    );
    expect(markers.map((m) => m.id)).toEqual([2, 1]);
    expect(markers[1]?.label).toBe('1');
  });
});

describe('sameStyle', () => {
  it('compares every drawn property', () => {
    const a = markerStyle(ticketFactory({ resolveDueAt: later }), now);
    expect(sameStyle(a, { ...a })).toBe(true);
    expect(sameStyle(a, { ...a, radius: a.radius + 1 })).toBe(false);
  });
});

describe('planMarkers', () => {
  const style = markerStyle(ticketFactory({ resolveDueAt: later }), now);
  const marker = (id: number, overrides: Partial<MapMarker> = {}): MapMarker => ({
    id,
    lat: 51,
    lon: 71,
    style,
    label: '',
    sla: 'on_time',
    ...overrides,
  });

  it('adds new markers, restyles and moves changed ones, removes the missing', () => {
    const drawn = new Map([1, 2, 3, 4].map((id) => [id, marker(id)]));
    const plan = planMarkers(drawn, [
      marker(1),
      marker(2, { style: { ...style, fillColor: OVERDUE_COLOR } }),
      marker(3, { lat: 51.1 }),
      marker(5),
    ]);
    expect(plan.add.map((m) => m.id)).toEqual([5]);
    expect(plan.restyle.map((m) => m.id)).toEqual([2]);
    expect(plan.move.map((m) => m.id)).toEqual([3]);
    expect(plan.remove).toEqual([4]);
  });
});

describe('scaleMarkers', () => {
  it('grows the radius and outline and leaves the rest alone', () => {
    const [marker] = ticketMarkers([ticketFactory({ id: 5 })], now, () => 'label');
    const [scaled] = scaleMarkers([marker!], 2);
    expect(scaled?.style.radius).toBe(marker!.style.radius * 2);
    expect(scaled?.style.weight).toBe(marker!.style.weight * 2);
    expect({ ...scaled, style: null }).toEqual({ ...marker, style: null });
    expect(scaleMarkers([marker!], 1)).toEqual([marker]);
  });
});

describe('pointMarker', () => {
  it('colours a map point by its deadline, overdue as everywhere, scaled, sharing style objects', () => {
    const ticket = ticketFactory({ id: 8, resolveDueAt: earlier });
    const point = toMapPoint(ticket)!;
    const marker = pointMarker(point, now.getTime(), 2);
    expect(marker).toMatchObject({ id: 8, lat: ticket.lat, lon: ticket.lon, sla: 'breached' });
    expect(marker.style).toEqual(
      scaleMarkers(
        ticketMarkers([ticket], now, () => ''),
        2,
      )[0]?.style,
    );
    expect(pointMarker({ ...point, id: 9 }, now.getTime(), 2).style).toBe(marker.style);
    const onTime = pointMarker(
      { ...point, resolveDueMs: now.getTime() + 3600_000, resolveWarnMs: null },
      now.getTime(),
    );
    expect(onTime.style.fillColor).toBe(SLA_COLORS.on_time);
  });
});
