import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { IssuedOpen311Key, Open311Key } from '../../server/open311/open311-key.contract.ts';
import { startKomek } from '../../server/start.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import {
  ADMIN_PASSWORD,
  ApiClient,
  expectApiError,
  expectStatus,
  startTestStack,
  type TestStack,
} from '../support/test-server.ts';

const REQUESTS = '/open311/v2/requests.json';

/** A valid Open311 request for a flooded street, signed with `apiKey`. */
const floodRequest = (client: ApiClient, apiKey: string) =>
  client.send('POST', REQUESTS, {
    body: new URLSearchParams({
      api_key: apiKey,
      service_code: 'flooding',
      lat: '51.128',
      long: '71.43',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe.each(DATABASE_KINDS)('Open311 API keys on %s', (kind) => {
  describe('issued by administrators at /api/open311-keys', () => {
    let stack: TestStack;
    let admin: ApiClient;

    beforeAll(async () => {
      stack = await startTestStack(kind);
      admin = stack.staff.admin.api;
    });
    afterAll(() => stack?.close());

    it('issues a key shown once, stores only its sha-256 hash, and lists keys without them', async () => {
      const res = await admin.post('/api/open311-keys', { label: '  FixMyStreet Astana  ' });
      expectStatus(res, 201);
      const issued = IssuedOpen311Key.parse(res.body);
      expect(issued).toMatchObject({ label: 'FixMyStreet Astana', revokedAt: null });
      expect(issued.key.length).toBeGreaterThanOrEqual(32);

      const rows = await stack.server.komek.db.query<Record<string, unknown>>(
        'select * from open311_api_keys where id = $1',
        [issued.id],
      );
      expect(rows[0]!.key_hash).toBe(createHash('sha256').update(issued.key).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(issued.key);

      const list = await admin.get('/api/open311-keys');
      expectStatus(list, 200);
      const items = (list.body as { items: unknown[] }).items.map((i) => Open311Key.strict().parse(i));
      expect(items).toContainEqual({
        id: issued.id,
        label: 'FixMyStreet Astana',
        createdAt: issued.createdAt,
        revokedAt: null,
      });
      expect(JSON.stringify(list.body)).not.toContain(issued.key);
    });

    it('an issued key files requests until it is revoked; revoking twice keeps the first time', async () => {
      const issued = IssuedOpen311Key.parse(
        (await admin.post('/api/open311-keys', { label: 'city app' })).body,
      );
      const client = stack.server.api();
      expectStatus(await floodRequest(client, issued.key), 201);

      const revoked = await admin.send('DELETE', `/api/open311-keys/${issued.id}`);
      expectStatus(revoked, 200);
      const first = Open311Key.parse(revoked.body);
      expect(first.revokedAt).not.toBeNull();
      expectStatus(await floodRequest(client, issued.key), 403);

      const again = Open311Key.parse((await admin.send('DELETE', `/api/open311-keys/${issued.id}`)).body);
      expect(again.revokedAt).toBe(first.revokedAt);
    });

    it('only administrators manage keys', async () => {
      for (const who of [
        stack.staff.supervisor,
        stack.staff.operator,
        stack.staff.display,
        stack.staff.water,
      ]) {
        expectApiError(await who.api.get('/api/open311-keys'), 403, 'forbidden');
        expectApiError(await who.api.post('/api/open311-keys', { label: 'mine' }), 403, 'forbidden');
        expectApiError(await who.api.send('DELETE', '/api/open311-keys/1'), 403, 'forbidden');
      }
      const anonymous = stack.server.api();
      expectApiError(await anonymous.get('/api/open311-keys'), 401, 'unauthenticated');
      expectApiError(await anonymous.post('/api/open311-keys', { label: 'mine' }), 401, 'unauthenticated');
    });

    it('bad input is a 400 naming the field; an unknown key a 404', async () => {
      expectApiError(await admin.post('/api/open311-keys', {}), 400, 'invalid_request', ['label']);
      expectApiError(await admin.post('/api/open311-keys', { label: ' ' }), 400, 'invalid_request', [
        'label',
      ]);
      expectApiError(
        await admin.post('/api/open311-keys', { label: 'x', key: 'mine' }),
        400,
        'invalid_request',
        ['key'],
      );
      expectApiError(await admin.send('DELETE', '/api/open311-keys/abc'), 400, 'invalid_request', ['id']);
      expectApiError(await admin.send('DELETE', '/api/open311-keys/999999'), 404, 'not_found');
    });

    it('the endpoints are in the OpenAPI document', async () => {
      const res = await stack.server.api().get('/api/openapi.json');
      const paths = (res.body as { paths: Record<string, Record<string, unknown>> }).paths;
      expect(Object.keys(paths['/api/open311-keys']!).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/open311-keys/{id}']!)).toEqual(['delete']);
    });
  });

  describe('configured in OPEN311_API_KEYS', () => {
    let database: TestDatabase;
    let close: () => Promise<void>;
    let client: ApiClient;

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        SIMULATOR: 'off',
        ADMIN_PASSWORD,
        LOG_LEVEL: 'silent',
        OPEN311_API_KEYS: 'partner-key-1, partner-key-2',
      });
      const komek = await startKomek(config, { logger: createLogger('silent'), db: database.db, web: false });
      close = () => komek.close();
      client = new ApiClient(komek.url);
    });
    afterAll(async () => {
      await close?.();
      await database?.close();
    });

    it('accepts every configured key and nothing else', async () => {
      expectStatus(await floodRequest(client, 'partner-key-1'), 201);
      expectStatus(await floodRequest(client, 'partner-key-2'), 201);
      expectStatus(await floodRequest(client, 'partner-key-3'), 403);
      expectStatus(await floodRequest(client, 'partner-key-1, partner-key-2'), 403);
    });
  });
});
