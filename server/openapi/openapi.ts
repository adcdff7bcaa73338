import { z } from 'zod';
import { CreateUser, LoginBody, SessionUser } from '../contracts/auth.contract.ts';
import { ApiError } from '../contracts/common.contract.ts';
import { Kpis } from '../contracts/realtime.contract.ts';
import { KpiReport, KpiReportQuery } from '../contracts/kpi-report.contract.ts';
import { ReferenceData } from '../contracts/reference.contract.ts';
import { PublicSettings } from '../contracts/settings.contract.ts';
import {
  CreateTicket,
  Ticket,
  TicketCommand,
  TicketListQuery,
  TicketPage,
  TicketWithHistory,
} from '../contracts/ticket.contract.ts';

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
      '/api/kpis': {
        get: {
          summary: 'Current wallboard figures',
          responses: { '200': ok('KPIs.', out(Kpis)), '401': errors['401'] },
        },
      },
      '/api/tickets': {
        get: {
          summary: 'List tickets, newest first, with filters and cursor paging',
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
            '409': error(
              'The state does not accept this event, or `expectedVersion` is stale; carries currentState and currentVersion.',
            ),
            '422': error('The event names an agency or category that does not exist.'),
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
