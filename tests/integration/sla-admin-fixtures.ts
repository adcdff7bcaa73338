import { afterAll, beforeAll } from 'vitest';
import { ReferenceData } from '../../server/contracts/reference.contract.ts';
import {
  AdminCalendar,
  AdminEscalationPolicy,
  AdminSlaPolicy,
} from '../../server/contracts/sla-admin.contract.ts';
import type { DatabaseKind } from '../support/test-database.ts';
import {
  expectStatus,
  startTestStack,
  type ApiClient,
  type ApiResponse,
  type TestStack,
} from '../support/test-server.ts';

// What the administration suite (sla-admin.test.ts and its sla-admin-*.suite.ts families) shares:
// one stack per database on an injected clock, valid bodies to change, and readers of what is stored.

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** The instant of a wall time in Astana (UTC+5). */
export const local = (isoLocal: string) => Date.parse(`${isoLocal}+05:00`);
/** Minutes from one ISO timestamp to another. */
export const minutesBetween = (from: string | null, to: string | null) =>
  (Date.parse(to!) - Date.parse(from!)) / MINUTE_MS;

/** Names in the three languages, told apart by a suffix. */
export const names = (en: string) => ({ ru: `${en} (ru)`, kk: `${en} (kk)`, en });
/** A valid night-shift calendar; `overrides` replace fields. */
export const calendarBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Night shift'),
  weeklyHours: {
    mon: [['20:00', '24:00']],
    tue: [
      ['00:00', '08:00'],
      ['20:00', '24:00'],
    ],
  },
  holidays: [{ day: '2026-12-16', name: 'День Независимости' }],
  ...overrides,
});
/** Valid deadline terms for road damage of normal priority; `overrides` replace fields. */
export const policyBody = (overrides: Record<string, unknown> = {}) => ({
  categoryId: 'road-damage',
  priority: 'normal',
  ackMinutes: 120,
  resolveMinutes: 2880,
  measure: 'business',
  warnFraction: 0.8,
  escalationPolicyId: 'standard',
  ...overrides,
});
/** A valid escalation level: the agency head, once the acknowledgement deadline is missed. */
export const LEVEL = {
  condition: 'not_acknowledged',
  trigger: 'breach',
  delayMinutes: 0,
  target: 'agency_head',
  repeatCount: 1,
  repeatIntervalMinutes: 10,
  ackTimeoutMinutes: 30,
};
/** A valid one-level escalation policy; `overrides` replace fields. */
export const escalationBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Night escalation'),
  levels: [LEVEL],
  ...overrides,
});
/** A valid category routed to the roads department; `overrides` replace fields. */
export const categoryBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Fallen billboard'),
  defaultAgencyId: 'transport-roads-department',
  routeToDistrictAkimat: false,
  priority: 'high',
  shareWeight: 1,
  sortOrder: 300,
  ...overrides,
});

/** PUT `body` as JSON. */
export const put = (api: ApiClient, path: string, body: unknown) =>
  api.send('PUT', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
/** DELETE `path`. */
export const del = (api: ApiClient, path: string) => api.send('DELETE', path);
const itemsOf = <T>(res: ApiResponse, schema: { parse(x: unknown): T }): T[] => {
  expectStatus(res, 200);
  return (res.body as { items: unknown[] }).items.map((x) => schema.parse(x));
};

/** A suite's stack on one database, its clock, and what the administrator reads back. */
export class SlaAdminSuite {
  /** The injected clock: Wednesday 2026-11-25, 11:00 in Astana; the suite sets time instead of waiting. */
  now = local('2026-11-25T11:00:00');
  private started: TestStack | undefined;

  /** Starts the stack (timers stopped: the suite fires nothing) on `kind`. */
  async start(kind: DatabaseKind): Promise<void> {
    this.started = await startTestStack(kind, { clock: () => new Date(this.now) });
    await this.started.server.komek.timers.stop();
  }

  async close(): Promise<void> {
    await this.started?.close();
  }

  get stack(): TestStack {
    if (!this.started) throw new Error('the suite has not started');
    return this.started;
  }

  /** The administrator's API client. */
  get admin(): ApiClient {
    return this.stack.staff.admin.api;
  }

  async calendars() {
    return itemsOf(await this.admin.get('/api/admin/calendars'), AdminCalendar);
  }

  async policies(history = false) {
    return itemsOf(
      await this.admin.get(`/api/admin/sla-policies${history ? '?history=true' : ''}`),
      AdminSlaPolicy,
    );
  }

  async escalations() {
    return itemsOf(await this.admin.get('/api/admin/escalation-policies'), AdminEscalationPolicy);
  }

  async reference() {
    const res = await this.admin.get('/api/reference');
    expectStatus(res, 200);
    return ReferenceData.parse(res.body);
  }

  async categoryOf(id: string) {
    return (await this.reference()).categories.find((c) => c.id === id);
  }
}

/** A suite whose stack starts before its tests and closes after them. */
export function useSlaAdminSuite(kind: DatabaseKind): SlaAdminSuite {
  const suite = new SlaAdminSuite();
  beforeAll(() => suite.start(kind));
  afterAll(() => suite.close());
  return suite;
}
