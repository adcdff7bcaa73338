import type { Ticket } from '#contracts/ticket.contract.ts';
import { api, ApiError } from '../api.ts';
import { fieldErrors } from '../error-text.ts';
import { i18n, type Locale } from '../i18n/index.svelte.ts';
import { reference } from '../reference.svelte.ts';
import {
  EMPTY_CALL,
  missingFields,
  toCreateTicket,
  type CallFields,
  type MissingField,
} from './call-draft.ts';

/** What the last submit did: the number to read back, and what became of the appeal. */
export interface CallOutcome {
  ticket: Ticket;
  /** Closed on first contact with a standard or typed answer. */
  answered: boolean;
  /** The incident the appeal was merged into, by registration number; null when none was asked for. */
  mergedInto: string | null;
  /** Why the merge did not go through (the appeal itself is registered). */
  mergeFailure: unknown;
}

/**
 * The call in progress on the operator console: the appeal being typed, the nearby incident it may
 * join, and the last submit's outcome. Submitting resets the fields for the next call.
 */
export class OperatorCall {
  fields = $state<CallFields>({ ...EMPTY_CALL });
  /** The language spoken on the call: standard answers and status answers are read out in it. */
  callLocale = $state<Locale>(i18n.locale);
  /** A nearby open appeal (registration number) this call is merged into once registered. */
  mergeInto = $state<string | null>(null);
  sending = $state(false);
  failure = $state.raw<unknown>(null);
  /** Fields found missing before sending. */
  missing = $state.raw<readonly MissingField[]>([]);
  outcome = $state.raw<CallOutcome | null>(null);

  /** Messages per field: the ones found before sending, then the server's. */
  errors = $derived.by((): Record<string, string> => {
    const server = fieldErrors(this.failure);
    for (const m of this.missing) server[m.field] = i18n.t(m.key);
    if (server.lat || server.lon) server.address ??= server.lat ?? server.lon ?? '';
    return server;
  });

  /** Picks a category; its usual priority comes with it. */
  setCategory(categoryId: string): void {
    this.fields.categoryId = categoryId;
    this.fields.priority = reference.category(categoryId)?.priority ?? null;
    this.mergeInto = null;
    this.#clearMissing('categoryId');
  }

  /** Forgets the call (a new one starts); the outcome of the last one stays on screen unless `all`. */
  reset(all = false): void {
    this.fields = { ...EMPTY_CALL };
    this.mergeInto = null;
    this.failure = null;
    this.missing = [];
    this.callLocale = i18n.locale;
    if (all) this.outcome = null;
  }

  /**
   * Registers the appeal (closed on first contact when `answer` is given), merges it into the chosen
   * nearby incident, and resets for the next call. Returns the first missing field instead when the
   * appeal cannot go yet, so the page can put the focus there.
   */
  async submit(
    options: { answer?: string; fallbackDescription?: string } = {},
  ): Promise<{ ok: true } | { ok: false; field: string | null }> {
    if (this.sending) return { ok: false, field: null };
    this.missing = missingFields(this.fields, options.fallbackDescription);
    if (this.missing.length > 0) return { ok: false, field: this.missing[0]?.field ?? null };
    this.sending = true;
    this.failure = null;
    const mergeInto = options.answer ? null : this.mergeInto;
    try {
      const body = toCreateTicket(this.fields, {
        ...options,
        categoryPriority: reference.category(this.fields.categoryId)?.priority,
      });
      const created = await api.createTicket(body);
      const merged = mergeInto ? await mergeAppeal(created, mergeInto) : { ticket: created, failure: null };
      this.outcome = {
        ticket: merged.ticket,
        answered: Boolean(body.firstContactAnswer),
        mergedInto: mergeInto,
        mergeFailure: merged.failure,
      };
      this.reset();
      return { ok: true };
    } catch (err) {
      this.failure = err;
      const field = Object.keys(fieldErrors(err))[0] ?? null;
      return { ok: false, field };
    } finally {
      this.sending = false;
    }
  }

  #clearMissing(field: MissingField['field']): void {
    if (this.missing.some((m) => m.field === field))
      this.missing = this.missing.filter((m) => m.field !== field);
  }

  /** Clears the "fill this in" message of a field as soon as the operator types in it. */
  touched(field: MissingField['field']): void {
    this.#clearMissing(field);
  }
}

/**
 * Merges a just-registered appeal into the incident with that registration number. A refusal (the
 * incident closed meanwhile) is returned, not thrown: the appeal itself is registered either way.
 */
async function mergeAppeal(
  ticket: Ticket,
  registrationNumber: string,
): Promise<{ ticket: Ticket; failure: unknown }> {
  try {
    const page = await api.listTickets({ q: registrationNumber, limit: 5 });
    const incident = page.items.find((t) => t.registrationNumber === registrationNumber);
    if (!incident)
      return { ticket, failure: new ApiError(404, { code: 'not_found', message: registrationNumber }) };
    const merged = await api.sendCommand(ticket.id, {
      type: 'ticket.merge',
      incidentId: incident.id,
      expectedVersion: ticket.version,
    });
    return { ticket: merged, failure: null };
  } catch (err) {
    return { ticket, failure: err };
  }
}
