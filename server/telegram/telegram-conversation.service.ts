import type { Api } from 'grammy';
import type { Db, Sql } from '../../db/client.ts';
import { markMessageSent } from '../../db/queries/outbox.ts';
import { listCategories } from '../../db/queries/reference.ts';
import { findConversation, saveConversation } from '../../db/queries/telegram-conversations.ts';
import {
  insertTicketPhoto,
  leaseTicketMessagesToChat,
  type LeasedReply,
} from '../../db/queries/telegram-tickets.ts';
import { claimUpdate } from '../../db/queries/telegram-updates.ts';
import type { Clock } from '../clock.ts';
import { isInCity } from '../geo/city-bounds.ts';
import { CreateTicket, type Actor } from '../contracts/ticket.contract.ts';
import { DomainError } from '../errors.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import type { Logger } from '../logger.ts';
import { renderResidentMessage, type MessageContext } from '../notifications/resident-message.ts';
import { PlaceService } from '../places/place.service.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { botTextsIn, localeFromLanguageCode } from './bot-texts.ts';
import type { Reply } from './bot-reply.ts';
import { advance } from './conversation.ts';
import {
  ADDRESS_CHARS,
  Draft,
  newConversation,
  PLACE_BUTTONS,
  STEPS,
  type PlaceChoice,
  type Conversation,
  type ConversationEnv,
  type Outcome,
} from './conversation.types.ts';
import type { PhotoKeeper } from './telegram-photo.ts';
import { sendReplies } from './reply-sender.ts';
import { statusReply } from './telegram-status.ts';
import type { BotUpdate } from './telegram-update.contract.ts';

/** Appeals filed through the bot are the system's doing; the channel says where they came from. */
const TELEGRAM_ACTOR: Actor = { userId: null, role: 'system', channel: 'telegram' };
/** How long the bot holds a new appeal's registration message while it answers with it itself. */
const REPLY_LEASE_MS = 60_000;
/** The longest address the gazetteer is asked about (its API's limit); the rest of a longer text is detail. */
const PLACE_QUERY_CHARS = 100;
/** Attempts at one update when other updates of the same chat keep changing the conversation. */
const MAX_ATTEMPTS = 3;

/** What the conversations need. */
export interface ConversationDeps {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  logger: Logger;
  /** The bot's numeric id (the token's prefix): update ids are unique per bot. */
  botId: number;
  context: MessageContext;
  /** Keeps a filed appeal's photo as an attachment; null: only its file id is kept. */
  photos: PhotoKeeper | null;
}

class DuplicateUpdate extends Error {}
class StaleConversation extends Error {}

/** What storing an outcome came to. */
type Stored =
  | { kind: 'duplicate' }
  | { kind: 'stale' }
  | { kind: 'stored'; replies: Reply[]; leased: LeasedReply[]; filed?: Filed };

/** An appeal the update filed, and its photo. */
interface Filed {
  ticketId: number;
  photo: Draft['photo'];
}

/**
 * Runs the conversation machine for each update: load the chat's row, advance it, store the result
 * together with the update's id (a redelivered update is skipped), then answer. The step that files
 * the appeal does all of that inside the ticket's own transaction, so it happens once or not at all.
 */
export class TelegramConversationService {
  private readonly deps: ConversationDeps;
  private readonly api: Api;
  private readonly places: PlaceService;

  constructor(deps: ConversationDeps, api: Api) {
    this.deps = deps;
    this.api = api;
    this.places = new PlaceService({ db: deps.db });
  }

  /** Handles one update; never throws (a failure is logged and the resident told to try again). */
  async handle(update: BotUpdate): Promise<void> {
    const log = { updateId: update.updateId, chatId: update.chatId, input: update.input.kind };
    let locale = localeFromLanguageCode(update.languageCode);
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const conversation = await this.load(update);
        locale = conversation.locale;
        const env = await this.env(update, conversation);
        const outcome = advance(conversation, update.input, env);
        const stored =
          outcome.effect?.type === 'submit'
            ? await this.submit(update, conversation, outcome)
            : await this.store(update, conversation, outcome);
        if (stored.kind === 'duplicate') {
          this.deps.logger.info(log, 'telegram update already handled');
          return;
        }
        if (stored.kind === 'stale') continue;
        await this.answer(update, outcome, stored.replies, stored.leased);
        // After the answer: the resident need not wait for the download.
        if (stored.filed?.photo && this.deps.photos) {
          await this.deps.photos.keep(stored.filed.ticketId, stored.filed.photo);
        }
        return;
      }
      throw new Error(`the conversation of chat ${update.chatId} kept changing`);
    } catch (err) {
      this.deps.logger.error({ ...log, err }, 'telegram update failed');
      await this.api.sendMessage(update.chatId, botTextsIn(locale).failed).catch(() => {});
    }
  }

  private async load(update: BotUpdate): Promise<Conversation> {
    const row = await findConversation(this.deps.db, update.chatId);
    if (!row) return newConversation(update.chatId, localeFromLanguageCode(update.languageCode));
    const step = STEPS.find((s) => s === row.step);
    const draft = Draft.safeParse(row.draft);
    if (step && draft.success) {
      return { chatId: row.chatId, locale: row.locale, step, draft: draft.data, version: row.version };
    }
    // A row this version cannot read (written by a newer one, or edited by hand): start over.
    this.deps.logger.warn({ chatId: row.chatId, step: row.step }, 'unreadable telegram conversation reset');
    return { ...newConversation(row.chatId, row.locale), version: row.version };
  }

  /**
   * The facts the machine needs for this update: the categories, whether a shared point is in the
   * city, and the places a typed address may be (at the location step only).
   */
  private async env(update: BotUpdate, conversation: Conversation): Promise<ConversationEnv> {
    const { db } = this.deps;
    const { input } = update;
    const point =
      input.kind === 'location' ? { ...input, inside: await isInCity(db, input.lat, input.lon) } : null;
    const typed = input.kind === 'text' && conversation.step === 'location' ? input.text.trim() : '';
    return {
      categories: await listCategories(db),
      inCity: (lat, lon) => point !== null && point.lat === lat && point.lon === lon && point.inside,
      places: typed ? await this.placesFor(typed, conversation.locale) : [],
    };
  }

  /** The gazetteer's places for a typed address, with the address text in the chat's language. */
  private async placesFor(typed: string, locale: ResidentLocale): Promise<PlaceChoice[]> {
    if (typed.length < ADDRESS_CHARS.min) return [];
    const found = await this.places.search(typed.slice(0, PLACE_QUERY_CHARS), PLACE_BUTTONS);
    return found.items.map((place) => ({ lat: place.lat, lon: place.lon, address: place.address[locale] }));
  }

  /** Claims the update and stores the conversation (when it changed) in one transaction. */
  private async store(update: BotUpdate, before: Conversation, outcome: Outcome): Promise<Stored> {
    try {
      return await this.deps.db.transaction(async (tx): Promise<Stored> => {
        if (!(await this.claimAndSave(tx, update, before, outcome))) return { kind: 'duplicate' };
        return { kind: 'stored', replies: outcome.replies, leased: [] };
      });
    } catch (err) {
      if (err instanceof StaleConversation) return { kind: 'stale' };
      throw err;
    }
  }

  /** False for an update handled before; throws StaleConversation when the row moved on meanwhile. */
  private async claimAndSave(tx: Sql, update: BotUpdate, before: Conversation, outcome: Outcome) {
    const at = this.deps.clock();
    if (!(await claimUpdate(tx, this.deps.botId, update.updateId, update.chatId, at))) return false;
    if (!outcome.changed) return true;
    const { chatId, locale, step, draft } = outcome.conversation;
    if (!(await saveConversation(tx, { chatId, locale, step, draft }, before.version, at))) {
      throw new StaleConversation();
    }
    return true;
  }

  /**
   * Files the draft as a ticket on the telegram channel, with this chat subscribed to it. The update,
   * the conversation (back to idle) and the photo are written in the ticket's transaction; the
   * registration message queued for the chat is leased there too, and the bot answers with it.
   */
  private async submit(update: BotUpdate, before: Conversation, outcome: Outcome): Promise<Stored> {
    if (outcome.effect?.type !== 'submit') throw new Error('not a submission');
    const { draft } = outcome.effect;
    const t = botTextsIn(before.locale);
    const input = CreateTicket.safeParse({
      categoryId: draft.categoryId,
      channel: 'telegram',
      description: draft.description,
      ...(draft.lat !== undefined && { lat: draft.lat, lon: draft.lon }),
      ...(draft.address !== undefined && { address: draft.address }),
    });
    if (!input.success) {
      this.deps.logger.warn({ chatId: update.chatId, issues: input.error.issues }, 'telegram draft refused');
      return { kind: 'stored', replies: [{ text: t.submitFailed }], leased: [] };
    }
    let leased: LeasedReply[] = [];
    try {
      const ticket = await this.deps.tickets.create(TELEGRAM_ACTOR, input.data, {
        subscribers: [{ channel: 'telegram', address: String(update.chatId), locale: before.locale }],
        onCreated: async (tx, created) => {
          if (!(await this.claimAndSave(tx, update, before, outcome))) throw new DuplicateUpdate();
          const at = this.deps.clock();
          if (draft.photo) {
            await insertTicketPhoto(tx, { ticketId: created.id, chatId: update.chatId, ...draft.photo }, at);
          }
          leased = await leaseTicketMessagesToChat(
            tx,
            created.id,
            update.chatId,
            new Date(at.getTime() + REPLY_LEASE_MS),
          );
        },
      });
      this.deps.logger.info(
        { ticketId: ticket.id, registrationNumber: ticket.registrationNumber, chatId: update.chatId },
        'appeal filed through telegram',
      );
      const hint = ticket.registrationNumber ? t.submitted(ticket.registrationNumber) : '';
      const texts = leased.map((m) => renderResidentMessage(m.kind, m.locale, m.payload, this.deps.context));
      // Another worker took the message first (it will send it): the number and the hint still go.
      const text = texts.length
        ? `${texts.join('\n\n')}\n\n${hint}`
        : `${ticket.registrationNumber ?? ''}\n${hint}`;
      return {
        kind: 'stored',
        replies: [{ text: text.trim() }],
        leased,
        filed: { ticketId: ticket.id, photo: draft.photo },
      };
    } catch (err) {
      if (err instanceof DuplicateUpdate) return { kind: 'duplicate' };
      if (err instanceof StaleConversation) return { kind: 'stale' };
      if (!(err instanceof DomainError)) throw err;
      this.deps.logger.warn({ chatId: update.chatId, err }, 'telegram appeal refused');
      return { kind: 'stored', replies: [{ text: t.submitFailed }], leased: [] };
    }
  }

  /** Answers the tapped button, runs a status lookup, sends the replies, then records leased messages sent. */
  private async answer(update: BotUpdate, outcome: Outcome, replies: Reply[], leased: LeasedReply[]) {
    const { input } = update;
    if (input.kind === 'button') {
      const notice = outcome.buttonNotice;
      await this.api
        .answerCallbackQuery(input.callbackQueryId, notice ? { text: notice } : {})
        .catch((err: unknown) => this.deps.logger.debug({ err }, 'callback query not answered'));
    }
    const all = [...replies];
    if (outcome.effect?.type === 'status') {
      all.push(
        await statusReply(this.deps.db, outcome.conversation, outcome.effect.query, this.deps.context),
      );
    }
    await sendReplies(this.api, update.chatId, all);
    const at = this.deps.clock();
    for (const message of leased) await markMessageSent(this.deps.db, message.id, at);
  }
}
