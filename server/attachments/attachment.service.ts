import type { Readable } from 'node:stream';
import type { Sql } from '../../db/client.ts';
import {
  findAttachmentWithAgency,
  insertAttachment,
  listTicketAttachments,
  type AttachmentChannel,
  type AttachmentRecord,
} from '../../db/queries/attachments.ts';
import { findTicket } from '../../db/queries/tickets.ts';
import { canSeePersonalData, canSeeTicket, type Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../contracts/ticket.contract.ts';
import {
  UPLOAD_MEDIA_TYPES,
  type Attachment,
  type AttachmentList,
} from '../contracts/attachment.contract.ts';
import { forbidden, notFound } from '../errors.ts';
import {
  prepareAttachment,
  sanitiseFileName,
  type AttachmentSource,
  type PreparedAttachment,
} from './attachment-checks.ts';
import { toAttachmentDto } from './attachment.mapper.ts';
import type { AttachmentStore } from './attachment-store.ts';

/** Who a kept attachment came from. */
export interface AttachmentOrigin {
  channel: AttachmentChannel;
  /** The staff member who uploaded it; null for residents and integrations. */
  uploadedByUserId: number | null;
  /** Their role, for the event log; integrations and residents' doors are `system`. */
  role: Actor['role'];
  /** The name the sender gave the file, if any; sanitised before it is kept. */
  originalName?: string | null;
}

/**
 * Records a kept file as the ticket's `ticket.attach` event; `within` writes the attachment's own
 * record in the event's transaction (TicketService.recordAttachment).
 */
export interface AttachmentRecorder {
  recordAttachment(
    ticketId: number,
    file: { sha256: string; mediaType: string; byteSize: number },
    actor: Actor,
    within: (tx: Sql) => Promise<void>,
  ): Promise<void>;
}

/** What the service needs. */
export interface AttachmentDeps {
  db: Sql;
  tickets: AttachmentRecorder;
  store: AttachmentStore;
  clock: Clock;
  /** ATTACHMENT_MAX_BYTES. */
  maxBytes: number;
}

/** An attachment a viewer may fetch: its record, and its bytes when they are wanted (not for a 304). */
export interface OpenedAttachment {
  attachment: AttachmentRecord;
  content(): Promise<Readable>;
}

/**
 * Attachments from every channel: checked by content and stripped of identifying metadata
 * (`prepareAttachment`), then stored by hash and recorded against their ticket. Staff see the
 * attachments of tickets they can see; wall displays, which never show residents' personal data,
 * see none (photos show faces, number plates and homes).
 */
export class AttachmentService {
  private readonly deps: AttachmentDeps;

  constructor(deps: AttachmentDeps) {
    this.deps = deps;
  }

  /** The largest file accepted, in bytes. */
  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  /** The content checks of `prepareAttachment` with the configured size limit; stores nothing. */
  prepare(bytes: Uint8Array, source: Omit<AttachmentSource, 'maxBytes'>): PreparedAttachment {
    return prepareAttachment(bytes, { ...source, maxBytes: this.deps.maxBytes });
  }

  /** Stores checked bytes and records them against an existing ticket. */
  async keep(
    prepared: PreparedAttachment,
    ticketId: number,
    origin: AttachmentOrigin,
  ): Promise<AttachmentRecord> {
    await this.deps.store.put(prepared.sha256, prepared.bytes);
    let kept: AttachmentRecord | undefined;
    // The file's record and its ticket event commit together: an attachment is an event like any other,
    // and a ticket that no longer takes one (closed) refuses it with 409.
    await this.deps.tickets.recordAttachment(
      ticketId,
      { sha256: prepared.sha256, mediaType: prepared.mediaType, byteSize: prepared.bytes.length },
      { userId: origin.uploadedByUserId, role: origin.role, channel: origin.channel },
      async (tx) => {
        kept = await insertAttachment(tx, {
          ticketId,
          sha256: prepared.sha256,
          mediaType: prepared.mediaType,
          byteSize: prepared.bytes.length,
          originalName: origin.originalName ? sanitiseFileName(origin.originalName) : null,
          uploadedByUserId: origin.uploadedByUserId,
          channel: origin.channel,
          createdAt: this.deps.clock(),
        });
      },
    );
    return kept!;
  }

  /**
   * One file from any channel for a ticket: checked against `declaredType` and by content,
   * stripped, stored and recorded. Intake channels call this; access is theirs to check.
   */
  async accept(
    bytes: Uint8Array,
    declaredType: string | null,
    ticketId: number,
    origin: AttachmentOrigin,
  ): Promise<AttachmentRecord> {
    const prepared = this.prepare(bytes, {
      field: 'file',
      declaredType,
      declaredField: 'content-type',
      accepted: UPLOAD_MEDIA_TYPES,
    });
    return this.keep(prepared, ticketId, origin);
  }

  /** A staff member's upload to a ticket they can see (the raw request body and its Content-Type). */
  async upload(
    viewer: Viewer,
    ticketId: number,
    bytes: Uint8Array,
    declaredType: string,
    name: string | undefined,
  ): Promise<Attachment> {
    await this.requireVisibleTicket(viewer, ticketId);
    const prepared = this.prepare(bytes, {
      field: 'body',
      declaredType,
      declaredField: 'content-type',
      accepted: UPLOAD_MEDIA_TYPES,
    });
    const kept = await this.keep(prepared, ticketId, {
      channel: 'console',
      uploadedByUserId: viewer.id,
      role: viewer.role,
      originalName: name ?? null,
    });
    return toAttachmentDto(kept);
  }

  /** A ticket's attachments, oldest first. */
  async list(viewer: Viewer, ticketId: number): Promise<AttachmentList> {
    await this.requireVisibleTicket(viewer, ticketId);
    return { items: (await listTicketAttachments(this.deps.db, ticketId)).map(toAttachmentDto) };
  }

  /** An attachment's bytes, for a viewer who may see its ticket (404 otherwise, as for the ticket). */
  async open(viewer: Viewer, attachmentId: number): Promise<OpenedAttachment> {
    requireAttachmentViewer(viewer);
    const found = await findAttachmentWithAgency(this.deps.db, attachmentId);
    if (!found || !canSeeTicket(viewer, found.ticketAgencyId)) throw notFound(`Attachment ${attachmentId}`);
    const { ticketAgencyId: _agency, ...attachment } = found;
    const { store } = this.deps;
    return {
      attachment,
      async content() {
        const stream = await store.open(attachment.sha256);
        if (!stream)
          throw new Error(`attachment ${attachment.id}: no bytes stored under ${attachment.sha256}`);
        return stream;
      },
    };
  }

  private async requireVisibleTicket(viewer: Viewer, ticketId: number): Promise<void> {
    requireAttachmentViewer(viewer);
    const ticket = await findTicket(this.deps.db, ticketId);
    if (!ticket || !canSeeTicket(viewer, ticket.agencyId)) throw notFound(`Ticket ${ticketId}`);
  }
}

function requireAttachmentViewer(viewer: Viewer): void {
  if (!canSeePersonalData(viewer)) throw forbidden(`A ${viewer.role} user cannot see attachments.`);
}
