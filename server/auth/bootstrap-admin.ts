import type { Db } from '../../db/client.ts';
import { insertUserIfAbsent, usernameExists } from '../../db/queries/users.ts';
import { generatePassword } from '../config.ts';
import type { Logger } from '../logger.ts';
import { hashPassword } from './password.ts';

/**
 * Creates user `admin` at first start. With no ADMIN_PASSWORD a random one is generated and logged
 * once: it is the only time it can be seen.
 */
export async function ensureAdminUser(db: Db, adminPassword: string | null, logger: Logger): Promise<void> {
  if (await usernameExists(db, 'admin')) return;
  const password = adminPassword ?? generatePassword();
  const created = await insertUserIfAbsent(db, {
    username: 'admin',
    display_name: 'Administrator',
    password_hash: await hashPassword(password),
    role: 'admin',
    agency_id: null,
  });
  // Another process starting at the same moment created it first: its password stands.
  if (!created) return;
  if (adminPassword) logger.info({ username: 'admin' }, 'created admin user with ADMIN_PASSWORD');
  else
    logger.warn(
      { username: 'admin', password },
      'created admin user with a generated password: note it now, it is shown only once',
    );
}
