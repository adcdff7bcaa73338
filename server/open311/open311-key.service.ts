import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../../db/client.ts';
import {
  insertOpen311ApiKey,
  isActiveOpen311KeyHash,
  listOpen311ApiKeys,
  revokeOpen311ApiKey,
  type Open311ApiKeyRow,
} from '../../db/queries/open311-api-keys.ts';
import { requireAdmin, type Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { CreateOpen311Key, IssuedOpen311Key, Open311Key } from './open311-key.contract.ts';

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest();

function toKeyDto(row: Open311ApiKeyRow): Open311Key {
  return {
    id: row.id,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

/**
 * Open311 API keys: the ones in the configuration (OPEN311_API_KEYS) and the ones administrators
 * issue, stored as sha-256 hashes, so a leaked table hands out no keys.
 */
export class Open311KeyService {
  private readonly db: Sql;
  private readonly clock: Clock;
  private readonly configuredHashes: readonly Buffer[];

  constructor(db: Sql, clock: Clock, configuredKeys: readonly string[]) {
    this.db = db;
    this.clock = clock;
    this.configuredHashes = configuredKeys.map(sha256);
  }

  /** Issues a key; the answer is the only place the plain key ever appears. */
  async issue(viewer: Viewer, input: CreateOpen311Key): Promise<IssuedOpen311Key> {
    requireAdmin(viewer, 'manage Open311 API keys');
    const key = `o311_${randomBytes(24).toString('base64url')}`;
    const row = await insertOpen311ApiKey(this.db, {
      key_hash: sha256(key).toString('hex'),
      label: input.label,
      created_at: this.clock(),
    });
    return { ...toKeyDto(row), key };
  }

  /** Every issued key, without the keys. */
  async list(viewer: Viewer): Promise<Open311Key[]> {
    requireAdmin(viewer, 'manage Open311 API keys');
    return (await listOpen311ApiKeys(this.db)).map(toKeyDto);
  }

  /** Revokes a key at once; revoking it again changes nothing. */
  async revoke(viewer: Viewer, id: number): Promise<Open311Key> {
    requireAdmin(viewer, 'manage Open311 API keys');
    const row = await revokeOpen311ApiKey(this.db, id, this.clock());
    if (!row) throw notFound(`Open311 API key ${id}`);
    return toKeyDto(row);
  }

  /** Whether `key` may create service requests: configured (compared in constant time) or issued and not revoked. */
  async isValid(key: string): Promise<boolean> {
    const hash = sha256(key);
    // Every configured key is compared, so the time taken does not tell which one nearly matched.
    const configured = this.configuredHashes.reduce((found, h) => timingSafeEqual(h, hash) || found, false);
    return configured || isActiveOpen311KeyHash(this.db, hash.toString('hex'));
  }
}
