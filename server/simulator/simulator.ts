import type { Db } from '../../db/client.ts';
import { listCategories, type CategoryRow } from '../../db/queries/reference.ts';
import { findIdleTickets, type TicketRecord } from '../../db/queries/tickets.ts';
import type { Actor, TicketCommand } from '../contracts/ticket.contract.ts';
import { DomainError } from '../errors.ts';
import { loadDistrictShapes, type DistrictShape } from '../geo/district-shapes.ts';
import type { Logger } from '../logger.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { generateAppeal } from './appeal-generator.ts';
import { HOLD_REASONS, REJECTION_REASONS, RESOLUTIONS } from './appeal-texts.ts';
import { pickOne, type Random } from './random.ts';

const TICK_MS = 1000;
const SIMULATOR: Actor = { userId: null, role: 'simulator', channel: 'simulator' };

/** A simulated actor's move: which state it picks tickets from, after how long, and what it sends. */
interface SimulatedStep {
  state: string;
  idleMs: number;
  chance: number;
  command: (random: Random, ticket: TicketRecord) => TicketCommand | null;
}

const HOUR_MS = 3600_000;

/**
 * How agencies (and the centre's operators) move tickets in the demo, time compressed: after
 * `idleMs` in `state`, each tick a ticket moves on with probability `chance`, so delays spread out.
 */
const SIMULATED_STEPS: readonly SimulatedStep[] = [
  {
    state: 'assigned',
    idleMs: 15_000,
    chance: 0.1,
    // One in twenty-five comes back as "not ours": the misroutes the centre wants to see.
    command: (random) =>
      random() < 0.04
        ? { type: 'ticket.reject', reason: pickOne(REJECTION_REASONS, random) }
        : { type: 'ticket.accept' },
  },
  { state: 'accepted', idleMs: 15_000, chance: 0.1, command: () => ({ type: 'ticket.start' }) },
  {
    state: 'in_progress',
    idleMs: 45_000,
    chance: 0.05,
    command: (random) =>
      random() < 0.06
        ? {
            type: 'ticket.hold',
            reason: pickOne(HOLD_REASONS, random),
            until: new Date(Date.now() + 2 * HOUR_MS).toISOString(),
          }
        : { type: 'ticket.resolve', resolution: pickOne(RESOLUTIONS, random) },
  },
  { state: 'on_hold', idleMs: 60_000, chance: 0.05, command: () => ({ type: 'ticket.resume' }) },
  // The resident confirms before the confirmation window ends (its timer would close it days later).
  { state: 'resolved', idleMs: 30_000, chance: 0.1, command: () => ({ type: 'ticket.close' }) },
  // An operator reroutes a misrouted ticket to the district's akimat.
  {
    state: 'registered',
    idleMs: 20_000,
    chance: 0.2,
    command: (_random, ticket) =>
      ticket.districtId ? { type: 'ticket.assign', agencyId: `akimat-${ticket.districtId}` } : null,
  },
];

// One ticket in ten is handled by a slow crew: it waits ten times longer, so the wall shows backlog and breaches.
const isSlowCrew = (ticketId: number) => ticketId % 10 === 7;

/** The demo: a stream of Astana appeals at `ratePerMinute`, and agencies working them. */
export class Simulator {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  private owed = 0;
  private categories: CategoryRow[] = [];
  private shapes: DistrictShape[] = [];
  private readonly db: Db;
  private readonly tickets: TicketService;
  private readonly ratePerMinute: number;
  private readonly logger: Logger;
  private readonly random: Random;
  private readonly now: () => number;

  constructor(
    db: Db,
    tickets: TicketService,
    ratePerMinute: number,
    logger: Logger,
    random: Random = Math.random,
    now = Date.now,
  ) {
    this.db = db;
    this.tickets = tickets;
    this.ratePerMinute = ratePerMinute;
    this.logger = logger;
    this.random = random;
    this.now = now;
  }

  /** Loads the categories and district outlines appeals are drawn from. */
  async prepare(): Promise<void> {
    this.categories = await listCategories(this.db);
    this.shapes = loadDistrictShapes();
  }

  /** Loads reference data and starts ticking. */
  async start(): Promise<void> {
    await this.prepare();
    // A newcomer should see a living wall at once, not after a minute.
    this.owed = Math.min(10, this.ratePerMinute);
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.tick())
        .catch((err: unknown) => this.logger.error({ err }, 'simulator tick failed'));
    }, TICK_MS);
    this.timer.unref();
    this.logger.info({ ratePerMinute: this.ratePerMinute }, 'demo simulator started');
  }

  /** Stops ticking and waits for the current tick to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One step: file the appeals that are due, then let agencies act. */
  async tick(): Promise<void> {
    this.owed += this.ratePerMinute / (60_000 / TICK_MS);
    while (this.owed >= 1 && !this.stopped) {
      this.owed -= 1;
      await this.tickets.create(SIMULATOR, generateAppeal(this.categories, this.shapes, this.random));
    }
    for (const step of SIMULATED_STEPS) {
      const idle = await findIdleTickets(this.db, [step.state], new Date(this.now() - step.idleMs), 50);
      for (const ticket of idle) {
        const chance = isSlowCrew(ticket.id) ? step.chance / 10 : step.chance;
        if (this.random() >= chance || this.stopped) continue;
        const command = step.command(this.random, ticket);
        if (command) await this.act(ticket.id, { ...command, expectedVersion: ticket.version });
      }
    }
  }

  private async act(ticketId: number, command: TicketCommand): Promise<void> {
    try {
      await this.tickets.command(SIMULATOR, ticketId, command);
    } catch (err) {
      // A person acted on the ticket first: the simulator simply leaves it.
      if (err instanceof DomainError && err.status === 409) return;
      throw err;
    }
  }
}
