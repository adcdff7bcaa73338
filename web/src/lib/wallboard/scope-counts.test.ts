import { describe, expect, it } from 'vitest';
import { toOpenRecord } from '../map/map-point.ts';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { countScope } from './scope-counts.ts';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const record = (overrides: Parameters<typeof ticketFactory>[0]) => toOpenRecord(ticketFactory(overrides))!;

describe('countScope', () => {
  const records = [
    record({ id: 1, districtId: 'almaty', resolveDueAt: '2026-11-26T09:00:00Z' }),
    record({ id: 2, districtId: 'almaty', resolveDueAt: '2026-11-26T11:00:00Z' }),
    // On hold past its deadline: paused, not overdue.
    record({ id: 3, districtId: 'almaty', state: 'on_hold', resolveDueAt: '2026-11-26T09:00:00Z' }),
    record({ id: 4, districtId: 'esil', lat: null, lon: null, resolveDueAt: '2026-11-26T08:00:00Z' }),
  ];

  it("counts a district's open and overdue tickets, placed or not", () => {
    expect(countScope(records, { kind: 'district', id: 'almaty' }, NOW)).toEqual({ open: 3, overdue: 1 });
    expect(countScope(records, { kind: 'district', id: 'esil' }, NOW)).toEqual({ open: 1, overdue: 1 });
    expect(countScope(records, { kind: 'city' }, NOW)).toEqual({ open: 4, overdue: 2 });
  });
});
