import type { AgencyBoard } from '#contracts/agency-board.contract.ts';
import type { Alert, AlertStatus } from '#contracts/alert.contract.ts';
import type { AttachmentList } from '#contracts/attachment.contract.ts';
import type { KpiTrend } from '#contracts/kpi-trend.contract.ts';
import type { SessionUser } from '#contracts/auth.contract.ts';
import type { ApiError as ApiErrorBody } from '#contracts/common.contract.ts';
import type { KnowledgeArticle } from '#contracts/knowledge.contract.ts';
import { decodeMapSnapshotBinary, MAP_SNAPSHOT_BINARY_FORMAT } from './map/map-snapshot-binary.ts';
import type { DisplaySession } from '#contracts/display.contract.ts';
import type {
  NearbyAppeals,
  PublicCategories,
  PublicReport,
  PublicReportCreated,
  PublicTicketStatus,
} from '#contracts/public.contract.ts';
import type { KpiDaily, KpiReport, MonthlySummary } from '#contracts/kpi-report.contract.ts';
import type { Kpis } from '#contracts/realtime.contract.ts';
import type { ReferenceData } from '#contracts/reference.contract.ts';
import type { PublicSettings } from '#contracts/settings.contract.ts';
import type { ConvertSocialPost, SocialPost, SocialPostListQuery } from '#contracts/social.contract.ts';
import type {
  CreateTicket,
  StatusEnquiry,
  StatusEnquiryResult,
  Ticket,
  TicketCommand,
  TicketPage,
  TicketWithHistory,
} from '#contracts/ticket.contract.ts';
import type { BulkTicketAnswer, BulkTicketCommand } from '#contracts/bulk-ticket.contract.ts';

/**
 * A failed API call. `status` 0 means the server could not be reached; otherwise `code`,
 * `fields`, `currentState` and `currentVersion` come from the server's error body.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly currentState: string | null;
  readonly currentVersion: number | null;
  /** A 429's Retry-After, in seconds; null when the answer gave none. */
  readonly retryAfterSeconds: number | null;
  /** The whole error body as sent, for answers that carry more (a ticket conflict's current ticket). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, body: ApiErrorBody['error'], retryAfterSeconds: number | null = null) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.currentState = body.currentState ?? null;
    this.currentVersion = body.currentVersion ?? null;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = body;
  }
}

/** Any failure as an ApiError: a fetch that never reached the server (offline, DNS) becomes code `network`. */
export const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError
    ? err
    : new ApiError(0, { code: 'network', message: err instanceof Error ? err.message : String(err) });

/** Called on a 401 from anything but the auth endpoints (the session expired under the user). */
let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when the session turns out to be gone. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Handlers that stand in for the registered one while a screen is shown; the newest wins. */
const unauthenticatedOverrides: (() => void)[] = [];

/**
 * Lets a screen handle a lost session itself while it is shown: a wall display whose link was
 * revoked says so instead of showing the login form. Returns the release.
 */
export function overrideUnauthenticatedHandler(handler: () => void): () => void {
  unauthenticatedOverrides.push(handler);
  return () => {
    const at = unauthenticatedOverrides.lastIndexOf(handler);
    if (at >= 0) unauthenticatedOverrides.splice(at, 1);
  };
}

type Method = 'GET' | 'POST';

/**
 * One call. Answers are typed by the server's zod contracts (imported as types: the browser may
 * not load server modules); the server builds every answer from those same schemas.
 */
async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<T> {
  const response = await send(method, path, body, headers);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A GET whose answer is bytes (the map's binary snapshot), with the same errors as `request`. */
async function requestBytes(path: string): Promise<ArrayBuffer> {
  return (await send('GET', path)).arrayBuffer();
}

async function send(
  method: Method,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json', ...headers }
          : { accept: 'application/json', 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw asApiError(err);
  }
  if (!response.ok) throw await toApiError(response, path);
  return response;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error: unknown =
    typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : null;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 && !path.startsWith('/api/auth/'))
    (unauthenticatedOverrides.at(-1) ?? onUnauthenticated)?.();
  return errorFrom(response.status, response.statusText, body, response.headers.get('retry-after'));
}

/** The ApiError for an answer's status, parsed body and Retry-After header (whole seconds). */
function errorFrom(status: number, statusText: string, body: unknown, retryAfter: string | null): ApiError {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  return new ApiError(
    status,
    isErrorBody(body) ? body.error : { code: `http_${status}`, message: statusText },
    seconds,
  );
}

/** Filters of GET /api/tickets, as the web app builds them. */
export interface TicketQuery {
  state?: readonly string[];
  categoryId?: string;
  agencyId?: string;
  districtId?: string;
  channel?: string;
  open?: boolean;
  q?: string;
  /** Appeals merged into this incident (its id). */
  mergedInto?: number;
  /** A caller's earlier appeals: their phone number, written any way (10 digits or more). */
  phone?: string;
  limit?: number;
  cursor?: string;
  /** SLA states judged by the server's clock: on_time, warning, breached, paused. */
  slaState?: readonly string[];
  /** Open tickets about to breach within `riskWindowMinutes` (by deadline). */
  atRisk?: boolean;
  riskWindowMinutes?: number;
  /** newest (default) or deadline (agency staff's default). */
  sort?: 'newest' | 'deadline';
}

/** The query string for a TicketQuery; empty values are left out. */
export function ticketQueryString(query: TicketQuery): string {
  const params = new URLSearchParams();
  if (query.state?.length) params.set('state', query.state.join(','));
  for (const key of ['categoryId', 'agencyId', 'districtId', 'channel', 'phone', 'cursor'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.mergedInto !== undefined) params.set('mergedInto', String(query.mergedInto));
  if (query.open !== undefined) params.set('open', String(query.open));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.slaState?.length) params.set('slaState', query.slaState.join(','));
  if (query.atRisk !== undefined) params.set('atRisk', String(query.atRisk));
  if (query.riskWindowMinutes !== undefined) params.set('riskWindowMinutes', String(query.riskWindowMinutes));
  if (query.sort) params.set('sort', query.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Filters of GET /api/alerts: live alerts (open and acknowledged) unless `status` says otherwise. */
export interface AlertQuery {
  status?: readonly AlertStatus[];
  ticketId?: number;
  limit?: number;
}

/** The query string for an AlertQuery. */
export function alertQueryString(query: AlertQuery): string {
  const params = new URLSearchParams();
  if (query.status?.length) params.set('status', query.status.join(','));
  if (query.ticketId !== undefined) params.set('ticketId', String(query.ticketId));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The REST API, one typed function per endpoint. */
export const api = {
  login: async (username: string, password: string) =>
    (await request<{ user: SessionUser }>('POST', '/api/auth/login', { username, password })).user,
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: async () => (await request<{ user: SessionUser }>('GET', '/api/auth/me')).user,
  reference: () => request<ReferenceData>('GET', '/api/reference'),
  settings: () => request<PublicSettings>('GET', '/api/settings'),
  kpis: () => request<Kpis>('GET', '/api/kpis'),
  /** The wall's figures minute by minute, for the tiles' sparklines. */
  kpiTrend: (minutes: number) => request<KpiTrend>('GET', `/api/kpis/trend${searchString({ minutes })}`),
  /** Every agency with work, the ones that need attention first. */
  agencyBoard: () => request<AgencyBoard>('GET', '/api/kpis/agencies'),
  /** A period's report by a breakdown, with its total (the /reports page). */
  kpiReport: (query: { from: string; to: string; groupBy: string }) =>
    request<KpiReport>('GET', `/api/kpis/report${searchString(query)}`),
  /** A period's received and resolved appeals, day by day. */
  kpiDaily: (query: { from: string; to: string }) =>
    request<KpiDaily>('GET', `/api/kpis/daily${searchString(query)}`),
  /** A month's printable summary (month as 2026-11). */
  monthlySummary: (month: string) =>
    request<MonthlySummary>('GET', `/api/kpis/monthly${searchString({ month })}`),
  listTickets: (query: TicketQuery) => request<TicketPage>('GET', `/api/tickets${ticketQueryString(query)}`),
  /** Every open ticket of a wall's view, lean, as typed arrays: GET /api/map/open-tickets?format=binary. */
  mapSnapshot: async (query: { districtId?: string; agencyId?: string }) =>
    decodeMapSnapshotBinary(
      await requestBytes(
        `/api/map/open-tickets${searchString({ ...query, format: MAP_SNAPSHOT_BINARY_FORMAT })}`,
      ),
    ),
  createTicket: (input: CreateTicket) => request<Ticket>('POST', '/api/tickets', input),
  getTicket: (id: number) => request<TicketWithHistory>('GET', `/api/tickets/${id}`),
  /** A ticket's photos and files, oldest first. */
  listAttachments: (ticketId: number) =>
    request<AttachmentList>('GET', `/api/tickets/${ticketId}/attachments`),
  sendCommand: (id: number, command: TicketCommand) =>
    request<Ticket>('POST', `/api/tickets/${id}/events`, command),
  /** One command for many tickets; the key makes a retry of the same request answer the same. */
  bulkCommand: (body: BulkTicketCommand, idempotencyKey: string) =>
    request<BulkTicketAnswer>('POST', '/api/tickets/bulk', body, { 'idempotency-key': idempotencyKey }),
  listAlerts: (query: AlertQuery) => request<Alert[]>('GET', `/api/alerts${alertQueryString(query)}`),
  /** A wall screen trades its URL's token for a session (401 invalid_display_token when revoked). */
  displayLogin: (token: string) => request<DisplaySession>('POST', '/api/auth/display', { token }),
  /** The residents' form: categories in three languages, without a login. */
  publicCategories: () => request<PublicCategories>('GET', '/api/public/categories'),
  /** An appeal's public status page, without a login (404 for a number never given out). */
  publicTicket: (registrationNumber: string) =>
    request<PublicTicketStatus>('GET', `/api/public/tickets/${encodeURIComponent(registrationNumber)}`),
  /** Answers a caller's "what happened to my appeal?" and records it as closed on first contact. */
  statusEnquiry: (id: number, input: Partial<StatusEnquiry>) =>
    request<StatusEnquiryResult>('POST', `/api/tickets/${id}/status-enquiry`, input),
  /** Standard answers: a category's, or those matching the text in any language. */
  searchKnowledge: (query: { q?: string; categoryId?: string; limit?: number }) =>
    request<KnowledgeArticle[]>('GET', `/api/knowledge${searchString(query)}`),
  /** Open appeals of the category near the point (possible duplicates of the one being filed). */
  nearby: (query: { lat: number; lon: number; categoryId: string }) =>
    request<NearbyAppeals>('GET', `/api/public/nearby${searchString(query)}`),
  listSocialPosts: (query: Partial<SocialPostListQuery> = {}) =>
    request<SocialPost[]>('GET', `/api/social-posts${searchString(query)}`),
  /** Turns a post into an appeal (201 Ticket); 409 post_already_handled when someone was first. */
  convertSocialPost: (id: number, input: ConvertSocialPost) =>
    request<Ticket>('POST', `/api/social-posts/${id}/convert`, input),
  dismissSocialPost: (id: number, reason: string) =>
    request<SocialPost>('POST', `/api/social-posts/${id}/dismiss`, { reason }),
};

/** A query string from plain values; undefined and blank ones are left out. */
function searchString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && String(value).trim() !== '') params.set(key, String(value).trim());
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A filed report, and whether the server answered from an earlier attempt with the same key. */
export interface FiledReport extends PublicReportCreated {
  replayed: boolean;
}

/** The report a resident sends (the server's contract). */
export type { PublicReport };

/** Up to three photos on a slow mobile link: generous, but a dead connection still ends. */
const REPORT_TIMEOUT_MS = 180_000;

/**
 * POST /api/public/reports with its Idempotency-Key. XMLHttpRequest rather than fetch, because a
 * resident on mobile data should see the photos' upload progress (`onProgress`, 0..1). `body` is
 * the report's JSON, so a retry sends exactly the same bytes.
 */
export function sendPublicReport(
  body: string,
  idempotencyKey: string,
  onProgress?: (fraction: number) => void,
): Promise<FiledReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/public/reports');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.timeout = REPORT_TIMEOUT_MS;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    const unreachable = (message: string) => reject(new ApiError(0, { code: 'network', message }));
    xhr.onerror = () => unreachable('The server could not be reached.');
    xhr.ontimeout = () => unreachable('The server did not answer in time.');
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed !== null) {
        resolve({
          ...(parsed as PublicReportCreated),
          replayed: xhr.getResponseHeader('idempotent-replayed') === 'true',
        });
      } else {
        reject(errorFrom(xhr.status, xhr.statusText, parsed, xhr.getResponseHeader('retry-after')));
      }
    };
    xhr.send(body);
  });
}
