import type { Db } from '../../db/client.ts';
import {
  deleteCalendarHolidays,
  deleteUnusedCalendar,
  findCalendarWithUse,
  insertCalendarHolidays,
  listCalendarsWithUse,
  setAgencyCalendar,
  upsertCalendar,
} from '../../db/queries/sla-admin.ts';
import { calendarProblems } from '../../workflows/sla/business-calendar.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type {
  AdminCalendar,
  AgencyCalendar,
  PutAgencyCalendar,
  PutCalendar,
} from '../contracts/sla-admin.contract.ts';
import { CENTRE_CALENDAR_ID } from '../engine/sla-step.ts';
import { conflict, invalid, notFound, unknownReference } from '../errors.ts';
import { requireAdmin } from '../auth/access.ts';
import { nameColumns, toAdminCalendar } from './sla-admin.mapper.ts';
import { hasSqlState, SQL_STATE } from './sql-state.ts';

const [HOLIDAYS_FROM, HOLIDAYS_UNTIL] = ['1970-01-01', '2999-12-31'];

/**
 * Business calendars: when agencies work. A ticket copies its agency's calendar when its clocks start,
 * so an edit applies to tickets from then on and never moves an old ticket's deadlines.
 */
/** What the 403 says a non-administrator cannot do here. */
export const ADMIN_ONLY = 'change deadlines, calendars, escalation and categories';

export class CalendarAdminService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly cityTimeZone: string;

  constructor(db: Db, clock: Clock, cityTimeZone: string) {
    this.db = db;
    this.clock = clock;
    this.cityTimeZone = cityTimeZone;
  }

  /** Every calendar with its holidays and the agencies that work by it. */
  async list(viewer: Viewer): Promise<AdminCalendar[]> {
    requireAdmin(viewer, ADMIN_ONLY);
    return (await listCalendarsWithUse(this.db)).map(toAdminCalendar);
  }

  /** Creates or replaces a calendar, holidays as a whole; 400 naming each problem calendarProblems finds. */
  async put(
    viewer: Viewer,
    id: string,
    input: PutCalendar,
  ): Promise<{ created: boolean; calendar: AdminCalendar }> {
    requireAdmin(viewer, ADMIN_ONLY);
    const problems = this.problemsOf(id, input);
    if (Object.keys(problems).length > 0) throw invalid(problems, 'The calendar is not valid.');
    return this.db.transaction(async (tx) => {
      const { created } = await upsertCalendar(tx, {
        id,
        ...nameColumns(input.names),
        weekly_hours: input.weeklyHours,
        updated_at: this.clock(),
      });
      await deleteCalendarHolidays(tx, id);
      await insertCalendarHolidays(tx, id, input.holidays);
      const row = await findCalendarWithUse(tx, id);
      return { created, calendar: toAdminCalendar(row!) };
    });
  }

  /** Deletes a calendar no agency works by; the centre's own calendar stays. */
  async remove(viewer: Viewer, id: string): Promise<void> {
    requireAdmin(viewer, ADMIN_ONLY);
    if (id === CENTRE_CALENDAR_ID)
      throw conflict(
        'calendar_required',
        `The calendar "${id}" counts tickets no agency holds yet; it stays.`,
      );
    const row = await findCalendarWithUse(this.db, id);
    if (!row) throw notFound(`Calendar "${id}"`);
    const { agencyIds } = toAdminCalendar(row);
    const inUse = () =>
      conflict('calendar_in_use', `Agencies work by the calendar "${id}"; move them to another one first.`, {
        agencyIds,
      });
    if (agencyIds.length > 0) throw inUse();
    // An agency moved to it in the meantime: the statement deletes nothing.
    if (!(await deleteUnusedCalendar(this.db, id))) throw inUse();
  }

  /** Makes an agency work by another calendar, for the tickets it receives from now on. */
  async setAgencyCalendar(
    viewer: Viewer,
    agencyId: string,
    input: PutAgencyCalendar,
  ): Promise<AgencyCalendar> {
    requireAdmin(viewer, ADMIN_ONLY);
    const noCalendar = () => unknownReference({ calendarId: `no calendar "${input.calendarId}"` });
    if (!(await findCalendarWithUse(this.db, input.calendarId))) throw noCalendar();
    try {
      const row = await setAgencyCalendar(this.db, agencyId, input.calendarId);
      if (!row) throw notFound(`Agency "${agencyId}"`);
      return { agencyId: row.id, calendarId: row.calendar_id };
    } catch (err) {
      // Deleted between the check and the update.
      if (hasSqlState(err, SQL_STATE.foreignKeyViolation)) throw noCalendar();
      throw err;
    }
  }

  /** calendarProblems in the city's zone, with paths that name the request's fields. */
  private problemsOf(id: string, input: PutCalendar): Record<string, string> {
    const days = input.holidays.map((h) => h.day);
    const found = calendarProblems({
      id,
      timeZone: this.cityTimeZone,
      weeklyHours: input.weeklyHours,
      holidays: days,
    });
    const problems: Record<string, string> = {};
    for (const [field, message] of Object.entries(found))
      problems[/^holidays\.\d+$/.test(field) ? `${field}.day` : field] = message;
    days.forEach((day, index) => {
      const field = `holidays.${index}.day`;
      if (problems[field]) return;
      if (days.indexOf(day) !== index) problems[field] = `${day} is listed twice`;
      // Real dates all, but PostgreSQL has no year 0: keep to years a holiday list can mean.
      else if (day < HOLIDAYS_FROM || day > HOLIDAYS_UNTIL)
        problems[field] = `${day} is not between ${HOLIDAYS_FROM} and ${HOLIDAYS_UNTIL}`;
    });
    return problems;
  }
}
