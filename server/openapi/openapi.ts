import { z } from 'zod';
import { CreateUser, LoginBody, SessionUser } from '../contracts/auth.contract.ts';
import { ApiError } from '../contracts/common.contract.ts';
import { Kpis } from '../contracts/realtime.contract.ts';
import { KpiDaily, KpiDailyQuery, KpiReport, KpiReportQuery } from '../contracts/kpi-report.contract.ts';
import { KpiTrend, KpiTrendQuery } from '../contracts/kpi-trend.contract.ts';
import { MapSnapshot, MapSnapshotQuery } from '../contracts/map.contract.ts';
import { ReferenceData } from '../contracts/reference.contract.ts';
import { PublicSettings } from '../contracts/settings.contract.ts';
import {
  AdminCalendar,
  AdminCategory,
  AdminEscalationPolicy,
  AdminSlaPolicy,
  AgencyCalendar,
  CreateSlaPolicy,
  PutAgencyCalendar,
  PutCalendar,
  PutCategory,
  PutEscalationPolicy,
  SlaPolicyListQuery,
} from '../contracts/sla-admin.contract.ts';
import { CreateOpen311Key, IssuedOpen311Key, Open311Key } from '../open311/open311-key.contract.ts';
import { intakePaths } from './intake-paths.ts';
import { placePaths } from '../places/place-paths.ts';
import {
  CreateTicket,
  Ticket,
  TicketCommand,
  TicketConflict,
  TicketListQuery,
  TicketPage,
  TicketWithHistory,
} from '../contracts/ticket.contract.ts';
import { BulkTicketAnswer, BulkTicketCommand } from '../contracts/bulk-ticket.contract.ts';

type Schema = Record<string, unknown>;
const body = (schema: z.ZodType): Schema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const out = (schema: z.ZodType): Schema => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });

const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json(out(ApiError)) });
const errors = {
  '400': error('The request does not match its schema; `fields` names each problem.'),
  '401': error('No valid session.'),
  '403': error('The role may not do this.'),
};

function queryParameters(schema: z.ZodObject): Schema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: body(field as z.ZodType),
  }));
}

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any 1-200 visible ASCII characters, unique per request you mean: a retry with the same key and body returns the first answer (header Idempotent-Replayed: true) and never does the work twice.',
  schema: { type: 'string', maxLength: 200 },
};

const ticketId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

const slugPath = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };
const createdOrReplaced = (what: string, schema: Schema) => ({
  '200': ok(`The ${what}, replaced.`, schema),
  '201': ok(`The ${what}, created.`, schema),
});

/** /api/admin: deadlines, calendars, escalation and categories, changed at run time by administrators. */
function adminPaths(): Record<string, Schema> {
  const items = (schema: z.ZodType) => out(z.object({ items: z.array(schema) }));
  return {
    '/api/admin/calendars': {
      get: {
        summary: 'Business calendars with holidays and the agencies that use them (admin)',
        responses: { '200': ok('Calendars.', items(AdminCalendar)), ...errors },
      },
    },
    '/api/admin/calendars/{id}': {
      put: {
        summary: 'Create or replace a business calendar (admin)',
        description:
          'Hours are in the city time zone; `weeklyHours: null` is round the clock; holidays replace the stored ones. Applies to tickets registered or reassigned from now on.',
        parameters: [slugPath],
        requestBody: { required: true, content: json(body(PutCalendar)) },
        responses: { ...createdOrReplaced('calendar', out(AdminCalendar)), ...errors },
      },
      delete: {
        summary: 'Delete a calendar no agency uses (admin)',
        parameters: [slugPath],
        responses: {
          '204': { description: 'Deleted.' },
          ...errors,
          '404': error('No such calendar.'),
          '409': error(
            'Agencies use it (`calendar_in_use`), or it is the centre’s own (`calendar_required`).',
          ),
        },
      },
    },
    '/api/admin/agencies/{id}/calendar': {
      put: {
        summary: 'Set the calendar an agency works by (admin)',
        parameters: [slugPath],
        requestBody: { required: true, content: json(body(PutAgencyCalendar)) },
        responses: {
          '200': ok('The agency and its calendar.', out(AgencyCalendar)),
          ...errors,
          '404': error('No such agency.'),
          '422': error('No such calendar.'),
        },
      },
    },
    '/api/admin/sla-policies': {
      get: {
        summary: 'Deadline policies in force; `history=true` adds superseded rows (admin)',
        parameters: queryParameters(SlaPolicyListQuery),
        responses: { '200': ok('Policies.', items(AdminSlaPolicy)), ...errors },
      },
      post: {
        summary: 'New deadlines for (category, priority), superseding the current ones (admin)',
        description:
          'null means any. The most specific current policy applies to a new ticket: (category, priority), (any, priority), (category, any), (any, any). Tickets already registered keep their terms.',
        requestBody: { required: true, content: json(body(CreateSlaPolicy)) },
        responses: {
          '201': ok('The new policy.', out(AdminSlaPolicy)),
          ...errors,
          '409': error('Another administrator changed the same policy at the same moment.'),
          '422': error('No such category or escalation policy.'),
        },
      },
    },
    '/api/admin/sla-policies/{id}': {
      delete: {
        summary: 'Supersede a policy so the broader one applies again (admin)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: {
          '200': ok('The superseded policy.', out(AdminSlaPolicy)),
          ...errors,
          '404': error('No such policy.'),
          '409': error(
            'Already superseded (`policy_superseded`), or the default (`default_policy_required`).',
          ),
        },
      },
    },
    '/api/admin/escalation-policies': {
      get: {
        summary: 'Escalation policies with the deadline policies that use them (admin)',
        responses: { '200': ok('Policies.', items(AdminEscalationPolicy)), ...errors },
      },
    },
    '/api/admin/escalation-policies/{id}': {
      put: {
        summary: 'Create or replace an escalation policy (admin)',
        parameters: [slugPath],
        requestBody: { required: true, content: json(body(PutEscalationPolicy)) },
        responses: { ...createdOrReplaced('escalation policy', out(AdminEscalationPolicy)), ...errors },
      },
    },
    '/api/admin/categories/{id}': {
      put: {
        summary: 'Create or update a category (admin); categories are never deleted',
        parameters: [slugPath],
        requestBody: { required: true, content: json(body(PutCategory)) },
        responses: {
          ...createdOrReplaced('category', out(AdminCategory)),
          ...errors,
          '422': error('No such agency.'),
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of /api, generated from the same zod schemas the routes parse with. */
export function buildOpenApiDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Komek API',
      version: '0.1.0',
      description:
        'Tickets of a city appeal centre. Authenticate with POST /api/auth/login; the session cookie `komek_session` carries on. Errors are `{ error: { code, message, fields } }`.',
    },
    paths: {
      '/api/auth/login': {
        post: {
          summary: 'Log in',
          requestBody: { required: true, content: json(body(LoginBody)) },
          responses: {
            '200': ok('Logged in; sets the session cookie.', out(z.object({ user: SessionUser }))),
            '400': errors['400'],
            '401': error('Wrong username or password.'),
          },
        },
      },
      '/api/auth/logout': {
        post: { summary: 'Log out', responses: { '204': { description: 'Logged out.' } } },
      },
      '/api/auth/me': {
        get: {
          summary: 'The logged-in user',
          responses: { '200': ok('The user.', out(z.object({ user: SessionUser }))), '401': errors['401'] },
        },
      },
      '/api/reference': {
        get: {
          summary: 'Districts, agencies and categories',
          responses: { '200': ok('Reference data.', out(ReferenceData)), '401': errors['401'] },
        },
      },
      '/api/settings': {
        get: {
          summary: 'Public display settings',
          responses: { '200': ok('Settings.', out(PublicSettings)) },
        },
      },
      '/api/kpis/report': {
        get: {
          summary:
            'The centre’s figures for a period, from the event log, whole-city or by agency, category, district or channel',
          parameters: queryParameters(KpiReportQuery),
          responses: { '200': ok('The report.', out(KpiReport)), ...errors },
        },
      },
      '/api/kpis/daily': {
        get: {
          summary:
            'Appeals received and resolved per city day of a period, with totals (the reports’ trend chart)',
          parameters: queryParameters(KpiDailyQuery),
          responses: { '200': ok('One line per day, oldest first.', out(KpiDaily)), ...errors },
        },
      },
      '/api/kpis/trend': {
        get: {
          summary: 'The wall’s figures sampled once a minute over the last `minutes` (the tiles’ sparklines)',
          parameters: queryParameters(KpiTrendQuery),
          responses: {
            '200': ok('Samples, oldest first; a minute no server ran has none.', out(KpiTrend)),
            ...errors,
          },
        },
      },
      '/api/map/open-tickets': {
        get: {
          summary:
            'Every open ticket of a wall’s view as columns: the map’s one load (agency staff get their agency’s)',
          parameters: queryParameters(MapSnapshotQuery),
          responses: {
            '200': {
              description:
                'The open tickets, column by column. With `format=binary`, `application/octet-stream`: a Uint32 header length, the header (JSON: at, lastSeq, states, districts, agencies, count) padded to 8 bytes, then the columns as little-endian typed arrays — lat, lon, ackDue, ackWarn, resolveDue, resolveWarn (Float64, NaN for none), id, version (Int32), district, agency (Int16), state, paused (Uint8).',
              content: {
                ...json(out(MapSnapshot)),
                'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...errors,
          },
        },
      },
      '/api/kpis': {
        get: {
          summary: 'Current wallboard figures',
          responses: { '200': ok('KPIs.', out(Kpis)), '401': errors['401'] },
        },
      },
      '/api/tickets': {
        get: {
          summary:
            'List tickets, newest first or by nearest deadline (agency staff by default), with filters, SLA states judged by the server’s clock, and cursor paging',
          parameters: queryParameters(TicketListQuery),
          responses: { '200': ok('A page of tickets.', out(TicketPage)), ...errors },
        },
        post: {
          summary: 'Register an appeal',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(body(CreateTicket)) },
          responses: {
            '201': ok('The registered ticket with its registration number.', out(Ticket)),
            ...errors,
            '413': error('The body is too large.'),
            '415': error('The body is not JSON.'),
            '422': error('The body names a category or district that does not exist.'),
          },
        },
      },
      '/api/tickets/{id}': {
        get: {
          summary: 'One ticket with its event history',
          parameters: [ticketId],
          responses: {
            '200': ok('The ticket.', out(TicketWithHistory)),
            ...errors,
            '404': error('No such ticket visible to you.'),
          },
        },
      },
      '/api/tickets/{id}/events': {
        post: {
          summary: 'Apply an event to a ticket',
          description:
            'Send `expectedVersion` to refuse the event when someone else changed the ticket first.',
          parameters: [ticketId, idempotencyKey],
          requestBody: { required: true, content: json(body(TicketCommand)) },
          responses: {
            '200': ok('The ticket after the event.', out(Ticket)),
            ...errors,
            '404': error('No such ticket visible to you.'),
            '409': ok(
              'The state does not accept this event, or `expectedVersion` is stale; carries the ticket as it is now and who changed it last.',
              out(TicketConflict),
            ),
            '422': error('The event names an agency or category that does not exist.'),
          },
        },
      },
      '/api/tickets/bulk': {
        post: {
          summary: 'Apply one event to up to 200 tickets, each in its own transaction',
          description:
            'Each ticket is checked and applied as POST /api/tickets/{id}/events would; give `{ id, expectedVersion }` to refuse a ticket changed since you saw it. The answer lists every ticket’s outcome (200 even when some were refused, each with the status and code the single route would answer).',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(body(BulkTicketCommand)) },
          responses: {
            '200': ok('Each ticket’s outcome, in the order named.', out(BulkTicketAnswer)),
            ...errors,
            '422': error('The command names an agency that does not exist.'),
          },
        },
      },
      '/api/users': {
        get: {
          summary: 'All accounts (admin)',
          responses: { '200': ok('Accounts.', out(z.object({ items: z.array(SessionUser) }))), ...errors },
        },
        post: {
          summary: 'Create an account (admin)',
          requestBody: { required: true, content: json(body(CreateUser)) },
          responses: {
            '201': ok('The account.', out(SessionUser)),
            ...errors,
            '409': error('The username is taken.'),
            '422': error('No such agency.'),
          },
        },
      },
      '/api/open311-keys': {
        get: {
          summary: 'Open311 API keys, without the keys themselves (admin)',
          responses: { '200': ok('Issued keys.', out(z.object({ items: z.array(Open311Key) }))), ...errors },
        },
        post: {
          summary: 'Issue an Open311 API key (admin)',
          description:
            'The plain key is in this answer only; the server keeps a sha-256 hash. Clients send it as `api_key` to POST /open311/v2/requests.{json,xml}.',
          requestBody: { required: true, content: json(body(CreateOpen311Key)) },
          responses: { '201': ok('The key, shown once.', out(IssuedOpen311Key)), ...errors },
        },
      },
      '/api/open311-keys/{id}': {
        delete: {
          summary: 'Revoke an Open311 API key at once (admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': ok('The revoked key; revoking again keeps the first time.', out(Open311Key)),
            ...errors,
            '404': error('No such key.'),
          },
        },
      },
      ...adminPaths(),
      ...intakePaths(),
      ...placePaths(),
      '/healthz': { get: { summary: 'The process is up', responses: { '200': { description: 'Up.' } } } },
      '/readyz': {
        get: {
          summary: 'Database reachable and migrated',
          responses: { '200': { description: 'Ready.' }, '503': { description: 'Not ready.' } },
        },
      },
    },
  };
}
