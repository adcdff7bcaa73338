import { z } from 'zod';
import { SessionUser } from '#contracts/auth.contract.ts';
import { ApiError as ApiErrorBody } from '#contracts/common.contract.ts';
import { Kpis } from '#contracts/realtime.contract.ts';
import { ReferenceData } from '#contracts/reference.contract.ts';
import { PublicSettings } from '#contracts/settings.contract.ts';
import {
  Ticket,
  TicketPage,
  TicketWithHistory,
  type CreateTicket,
  type TicketCommand,
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

async function request<S extends z.ZodType>(schema: S | null, method: Method, path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { code: 'network', message: err instanceof Error ? err.message : String(err) });
  }
  if (!response.ok) throw await toApiError(response, path);
  if (schema === null || response.status === 204) return undefined as z.output<S>;
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(response.status, { code: 'bad_response', message: `Unexpected answer from ${path}: ${parsed.error.message}` });
  }
  return parsed.data as z.output<S>;
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  const body = ApiErrorBody.safeParse(await response.json().catch(() => null));
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
  return new ApiError(
    response.status,
    body.success ? body.error : { code: `http_${response.status}`, message: response.statusText },
  );
}

const UserEnvelope = z.object({ user: SessionUser });

/** Filters of GET /api/tickets, as the web app builds them. */
export interface TicketQuery {
  state?: readonly string[];
  categoryId?: string;
  agencyId?: string;
  districtId?: string;
  channel?: string;
  open?: boolean;
  q?: string;
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
  if (query.open !== undefined) params.set('open', String(query.open));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The REST API, one typed function per endpoint; every answer is checked against its contract. */
export const api = {
  login: async (username: string, password: string) =>
    (await request(UserEnvelope, 'POST', '/api/auth/login', { username, password })).user,
  logout: () => request(null, 'POST', '/api/auth/logout'),
  me: async () => (await request(UserEnvelope, 'GET', '/api/auth/me')).user,
  reference: () => request(ReferenceData, 'GET', '/api/reference'),
  settings: () => request(PublicSettings, 'GET', '/api/settings'),
  kpis: () => request(Kpis, 'GET', '/api/kpis'),
  listTickets: (query: TicketQuery) => request(TicketPage, 'GET', `/api/tickets${ticketQueryString(query)}`),
  createTicket: (input: CreateTicket) => request(Ticket, 'POST', '/api/tickets', input),
  getTicket: (id: number) => request(TicketWithHistory, 'GET', `/api/tickets/${id}`),
  sendCommand: (id: number, command: TicketCommand) => request(Ticket, 'POST', `/api/tickets/${id}/events`, command),
};
