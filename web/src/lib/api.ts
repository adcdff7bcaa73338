import type { Alert, AlertStatus } from '#contracts/alert.contract.ts';
import type { SessionUser } from '#contracts/auth.contract.ts';
import type { ApiError as ApiErrorBody } from '#contracts/common.contract.ts';
import type { Kpis } from '#contracts/realtime.contract.ts';
import type { ReferenceData } from '#contracts/reference.contract.ts';
import type { PublicSettings } from '#contracts/settings.contract.ts';
import type {
  CreateTicket,
  Ticket,
  TicketCommand,
  TicketPage,
  TicketWithHistory,
} from '#contracts/ticket.contract.ts';

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

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.currentState = body.currentState ?? null;
    this.currentVersion = body.currentVersion ?? null;
  }
}

/** Called on a 401 from anything but the auth endpoints (the session expired under the user). */
let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when the session turns out to be gone. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST';

/**
 * One call. Answers are typed by the server's zod contracts (imported as types: the browser may
 * not load server modules); the server builds every answer from those same schemas.
 */
async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { code: 'network', message: err instanceof Error ? err.message : String(err) });
  }
  if (!response.ok) throw await toApiError(response, path);
  return (response.status === 204 ? undefined : await response.json()) as T;
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
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
  return new ApiError(
    response.status,
    isErrorBody(body) ? body.error : { code: `http_${response.status}`, message: response.statusText },
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
  limit?: number;
  cursor?: string;
}

/** The query string for a TicketQuery; empty values are left out. */
export function ticketQueryString(query: TicketQuery): string {
  const params = new URLSearchParams();
  if (query.state?.length) params.set('state', query.state.join(','));
  for (const key of ['categoryId', 'agencyId', 'districtId', 'channel', 'cursor'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.mergedInto !== undefined) params.set('mergedInto', String(query.mergedInto));
  if (query.open !== undefined) params.set('open', String(query.open));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.limit !== undefined) params.set('limit', String(query.limit));
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
  listTickets: (query: TicketQuery) => request<TicketPage>('GET', `/api/tickets${ticketQueryString(query)}`),
  createTicket: (input: CreateTicket) => request<Ticket>('POST', '/api/tickets', input),
  getTicket: (id: number) => request<TicketWithHistory>('GET', `/api/tickets/${id}`),
  sendCommand: (id: number, command: TicketCommand) =>
    request<Ticket>('POST', `/api/tickets/${id}/events`, command),
  listAlerts: (query: AlertQuery) => request<Alert[]>('GET', `/api/alerts${alertQueryString(query)}`),
};
