import type { Sql } from '../client.ts';

/** The id of the ticket with this registration number, or undefined (the residents' status page). */
export async function findTicketIdByRegistrationNumber(
  db: Sql,
  registrationNumber: string,
): Promise<number | undefined> {
  const rows = await db.query<{ id: number }>('select id from tickets where registration_number = $1', [
    registrationNumber,
  ]);
  return rows[0]?.id;
}
