import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate, migrationsDone } from '../../db/migrate.ts';
import { createTicket } from '../../server/engine/ticket-engine.ts';
import { systemClock } from '../../server/clock.ts';
import { CreateTicket } from '../../server/contracts/ticket.contract.ts';
import { ticketFactory } from '../support/factories.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const MIGRATION_FILES = readdirSync(new URL('../../db/migrations/', import.meta.url))
  .filter((f) => f.endsWith('.sql'))
  .sort();

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let firstRun: string[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    firstRun = await migrate(db);
  });
  afterAll(() => database?.close());

  it('applies every migration once, in name order, and records it', async () => {
    expect(MIGRATION_FILES.length).toBeGreaterThanOrEqual(2);
    expect(firstRun).toEqual(MIGRATION_FILES);
    const rows = await db.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(MIGRATION_FILES);
    expect(await migrationsDone(db)).toBe(true);
  });

  it('applies nothing when run again, also from two processes at once', async () => {
    expect(await migrate(db)).toEqual([]);
    expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
    const rows = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    expect(rows[0]!.n).toBe(MIGRATION_FILES.length);
  });

  it('keeps ticket_events append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const change = await createTicket(
      { db, clock: systemClock, cityTimeZone: 'Asia/Almaty' },
      CreateTicket.parse(ticketFactory()),
      { userId: null, role: 'system' },
    );
    const seq = change.events[0]!.seq;
    await expect(
      db.query("update ticket_events set type = 'ticket.forged' where seq = $1", [seq]),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(db.query('delete from ticket_events where seq = $1', [seq])).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(db.query('truncate ticket_events cascade')).rejects.toThrow(
      /append-only \(TRUNCATE refused\)/,
    );
    const rows = await db.query<{ type: string }>('select type from ticket_events where seq = $1', [seq]);
    expect(rows).toEqual([{ type: 'ticket.create' }]);
  });

  it('loads the five Astana districts, each with its akimat', async () => {
    const districts = await db.query<{ id: string; akimat: string | null }>(
      `select d.id, a.id as akimat from districts d
       left join agencies a on a.kind = 'akimat' and a.district_id = d.id
       order by d.id`,
    );
    expect(districts).toEqual([
      { id: 'almaty', akimat: 'akimat-almaty' },
      { id: 'baikonur', akimat: 'akimat-baikonur' },
      { id: 'nura', akimat: 'akimat-nura' },
      { id: 'saryarka', akimat: 'akimat-saryarka' },
      { id: 'yesil', akimat: 'akimat-yesil' },
    ]);
  });

  it('loads the common categories with names in Russian, Kazakh and English and a known agency', async () => {
    const rows = await db.query<{
      id: string;
      name_ru: string;
      name_kk: string;
      name_en: string;
      default_agency_id: string | null;
    }>(
      `select c.id, c.name_ru, c.name_kk, c.name_en, c.default_agency_id from categories c
       where c.id = any($1::text[]) order by c.sort_order`,
      [['flooding', 'road-damage', 'elevator', 'open-manhole', 'stray-dogs']],
    );
    expect(rows.map((r) => r.id)).toEqual([
      'flooding',
      'road-damage',
      'elevator',
      'open-manhole',
      'stray-dogs',
    ]);
    for (const r of rows) {
      expect(r.name_ru).toMatch(/[а-яё]/i);
      expect(r.name_kk).toMatch(/[а-яёәғқңөұүһі]/i);
      expect(r.name_en).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
      expect(new Set([r.name_ru, r.name_kk, r.name_en]).size).toBe(3);
    }
    expect(Object.fromEntries(rows.map((r) => [r.id, r.default_agency_id]))).toEqual({
      flooding: 'astana-su-arnasy',
      'road-damage': 'transport-roads-department',
      elevator: 'elevator-service',
      'open-manhole': 'astana-su-arnasy',
      'stray-dogs': 'veterinary-service',
    });
    // Every routed category points at an agency on file, every other one goes to the district akimat.
    const broken = await db.query(
      `select id from categories
       where (default_agency_id is null) <> route_to_district_akimat
          or (default_agency_id is not null and default_agency_id not in (select id from agencies))`,
    );
    expect(broken).toEqual([]);
  });
});
