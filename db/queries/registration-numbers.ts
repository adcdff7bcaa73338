import type { Sql } from '../client.ts';

/** Takes the next registration number value for `year`: sequential, never reused (rolls back with its transaction). */
export async function takeRegistrationValue(db: Sql, year: number): Promise<number> {
  const rows = await db.query<{ last_value: number }>(
    `insert into registration_counters (year, last_value) values ($1, 1)
     on conflict (year) do update set last_value = registration_counters.last_value + 1
     returning last_value`,
    [year],
  );
  return rows[0]!.last_value;
}
