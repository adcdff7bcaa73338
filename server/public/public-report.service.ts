import type { Sql } from '../../db/client.ts';
import type { AttachmentService } from '../attachments/attachment.service.ts';
import type { PreparedAttachment } from '../attachments/attachment-checks.ts';
import type { Clock } from '../clock.ts';
import { PHOTO_MEDIA_TYPES } from '../contracts/attachment.contract.ts';
import type { PublicReport, PublicReportCreated } from '../contracts/public.contract.ts';
import type { Actor } from '../contracts/ticket.contract.ts';
import type { Logger } from '../logger.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { requireInCity } from '../geo/city-bounds.ts';
import { decodePhoto } from './photo-data.ts';
import { PublicIdempotency, type IdempotentAnswer } from './public-idempotency.ts';
import { toCreateTicket } from './public-report.intake.ts';

/** Residents' reports are filed by the system on their behalf; the `web` channel says where they came from. */
const WEB_ACTOR: Actor = { userId: null, role: 'system', channel: 'web' };

/** Where a resident follows an appeal: the web app's status page. */
export const statusUrlOf = (registrationNumber: string) => `/t/${registrationNumber}`;

/** What filing needs. */
export interface PublicReportDeps {
  db: Sql;
  clock: Clock;
  logger: Logger;
  tickets: TicketService;
  attachments: AttachmentService;
}

/**
 * The public report form: checks everything (fields, every photo by its content, the location)
 * before anything is written, registers the ticket through the ticket service, and only then
 * keeps the photos, so a refused report leaves neither a ticket nor a file behind.
 */
export class PublicReportService {
  private readonly deps: PublicReportDeps;
  private readonly idempotency: PublicIdempotency;

  constructor(deps: PublicReportDeps) {
    this.deps = deps;
    this.idempotency = new PublicIdempotency(deps.db, deps.clock, deps.logger);
  }

  /** Files a report once per Idempotency-Key; answers the registration number and the status page. */
  async file(
    report: PublicReport,
    idempotencyKey: string | undefined,
    fingerprint: string,
  ): Promise<IdempotentAnswer<PublicReportCreated | unknown>> {
    const input = toCreateTicket(report);
    const photos = this.preparePhotos(report.photos ?? []);
    if (input.lat !== undefined && input.lon !== undefined)
      await requireInCity(this.deps.db, input.lat, input.lon);
    return this.idempotency.run(idempotencyKey, fingerprint, async () => {
      const ticket = await this.deps.tickets.create(WEB_ACTOR, input);
      const registrationNumber = ticket.registrationNumber;
      if (!registrationNumber) throw new Error(`ticket ${ticket.id} was not registered`);
      await this.keepPhotos(photos, ticket.id, registrationNumber);
      const body: PublicReportCreated = { registrationNumber, statusUrl: statusUrlOf(registrationNumber) };
      return { status: 201, body };
    });
  }

  private preparePhotos(photos: readonly string[]): PreparedAttachment[] {
    return photos.map((photo, i) => {
      const field = `photos.${i}`;
      const { bytes, declaredType } = decodePhoto(photo, field, this.deps.attachments.maxBytes);
      return this.deps.attachments.prepare(bytes, {
        field,
        declaredType,
        declaredField: field,
        accepted: PHOTO_MEDIA_TYPES,
      });
    });
  }

  /**
   * The ticket is committed: a photo that cannot be stored now (a full disk) is logged and left
   * out rather than failing the report, which a retry would then file a second time.
   */
  private async keepPhotos(
    photos: readonly PreparedAttachment[],
    ticketId: number,
    registrationNumber: string,
  ) {
    for (const [i, photo] of photos.entries()) {
      try {
        await this.deps.attachments.keep(photo, ticketId, {
          channel: 'web',
          uploadedByUserId: null,
          role: 'system',
        });
      } catch (err) {
        this.deps.logger.error(
          { err, ticketId, registrationNumber, photo: i },
          'could not keep a report photo',
        );
      }
    }
  }
}
