import type { Db } from '../../db/client.ts';
import { findAgency } from '../../db/queries/reference.ts';
import { insertUser, listUsers, usernameExists } from '../../db/queries/users.ts';
import { requireAdmin, type Viewer } from '../auth/access.ts';
import { hashPassword } from '../auth/password.ts';
import { toSessionUser } from '../auth/session.service.ts';
import type { CreateUser, SessionUser } from '../contracts/auth.contract.ts';
import { conflict, unknownReference } from '../errors.ts';

/** Accounts: administrators create supervisors, operators, agency staff and wall displays. */
export class UserService {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Every account. */
  async list(viewer: Viewer): Promise<SessionUser[]> {
    requireAdmin(viewer, 'manage users');
    return (await listUsers(this.db)).map(toSessionUser);
  }

  /** Creates an account; a taken username is a 409. */
  async create(viewer: Viewer, input: CreateUser): Promise<SessionUser> {
    requireAdmin(viewer, 'manage users');
    if (input.agencyId && !(await findAgency(this.db, input.agencyId))) {
      throw unknownReference({ agencyId: `no agency "${input.agencyId}"` });
    }
    if (await usernameExists(this.db, input.username)) {
      throw conflict('username_taken', `The username "${input.username}" is taken.`);
    }
    const row = await insertUser(this.db, {
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      agency_id: input.agencyId ?? null,
    });
    return toSessionUser(row);
  }
}
