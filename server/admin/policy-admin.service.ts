import type { Db } from '../../db/client.ts';
import { findAgency, findCategory } from '../../db/queries/reference.ts';
import {
  findEscalationPolicy,
  findSlaPolicy,
  insertSlaPolicy,
  listEscalationPolicies,
  listSlaPolicies,
  supersedeCurrentSlaPolicy,
  supersedeSlaPolicy,
  upsertCategory,
  upsertEscalationPolicy,
} from '../../db/queries/sla-admin.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type {
  AdminCategory,
  AdminEscalationPolicy,
  AdminSlaPolicy,
  CreateSlaPolicy,
  PutCategory,
  PutEscalationPolicy,
  SlaPolicyListQuery,
} from '../contracts/sla-admin.contract.ts';
import { conflict, notFound, unknownReference } from '../errors.ts';
import { requireAdmin } from '../auth/access.ts';
import { ADMIN_ONLY } from './calendar-admin.service.ts';
import {
  nameColumns,
  toAdminCategory,
  toAdminEscalationPolicy,
  toAdminSlaPolicy,
} from './sla-admin.mapper.ts';
import { hasSqlState, SQL_STATE } from './sql-state.ts';

const superseded = (id: number) =>
  conflict('policy_superseded', `The deadline policy ${id} was already superseded; it is history now.`);

/**
 * Deadline policies, escalation policies and categories. A new ticket copies the terms and escalation
 * levels that apply when it is registered, so changes here apply to new tickets only. Deadline policies
 * are never updated in place: a change supersedes the current row and inserts a new one, keeping what
 * applied when.
 */

export class PolicyAdminService {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Current deadline policies, or every row ever when `history` is asked for. */
  async listSlaPolicies(viewer: Viewer, query: SlaPolicyListQuery): Promise<AdminSlaPolicy[]> {
    requireAdmin(viewer, ADMIN_ONLY);
    return (await listSlaPolicies(this.db, query.history ?? false)).map(toAdminSlaPolicy);
  }

  /** New terms for (category, priority): the current row is superseded and the new one inserted, in one transaction. */
  async createSlaPolicy(viewer: Viewer, input: CreateSlaPolicy): Promise<AdminSlaPolicy> {
    requireAdmin(viewer, ADMIN_ONLY);
    const unknown: Record<string, string> = {};
    if (input.categoryId !== null && !(await findCategory(this.db, input.categoryId)))
      unknown.categoryId = `no category "${input.categoryId}"`;
    if (input.escalationPolicyId !== null && !(await findEscalationPolicy(this.db, input.escalationPolicyId)))
      unknown.escalationPolicyId = `no escalation policy "${input.escalationPolicyId}"`;
    if (Object.keys(unknown).length > 0) throw unknownReference(unknown);
    try {
      const row = await this.db.transaction(async (tx) => {
        const at = this.clock();
        await supersedeCurrentSlaPolicy(tx, { category_id: input.categoryId, priority: input.priority }, at);
        return insertSlaPolicy(tx, {
          category_id: input.categoryId,
          priority: input.priority,
          ack_minutes: input.ackMinutes,
          resolve_minutes: input.resolveMinutes,
          measure: input.measure,
          warn_fraction: input.warnFraction,
          escalation_policy_id: input.escalationPolicyId,
          created_at: at,
          created_by: viewer.id,
        });
      });
      return toAdminSlaPolicy(row);
    } catch (err) {
      // Two administrators changed the same (category, priority) at once: the other one won.
      if (hasSqlState(err, SQL_STATE.uniqueViolation))
        throw conflict(
          'concurrent_change',
          'Someone changed this deadline policy at the same moment; reload it.',
        );
      throw err;
    }
  }

  /** Supersedes a current policy, so the broader one applies again; the default (any, any) stays. */
  async removeSlaPolicy(viewer: Viewer, id: number): Promise<AdminSlaPolicy> {
    requireAdmin(viewer, ADMIN_ONLY);
    const row = await findSlaPolicy(this.db, id);
    if (!row) throw notFound(`Deadline policy ${id}`);
    if (row.superseded_at) throw superseded(id);
    if (row.category_id === null && row.priority === null)
      throw conflict(
        'default_policy_required',
        'The default policy (any category, any priority) cannot be removed; post a new one to change it.',
      );
    const removed = await supersedeSlaPolicy(this.db, id, this.clock());
    if (!removed) throw superseded(id);
    return toAdminSlaPolicy(removed);
  }

  /** Every escalation policy with the current deadline policies that use it. */
  async listEscalationPolicies(viewer: Viewer): Promise<AdminEscalationPolicy[]> {
    requireAdmin(viewer, ADMIN_ONLY);
    return (await listEscalationPolicies(this.db)).map(toAdminEscalationPolicy);
  }

  /** Creates or replaces an escalation policy; tickets already registered keep the levels they copied. */
  async putEscalationPolicy(
    viewer: Viewer,
    id: string,
    input: PutEscalationPolicy,
  ): Promise<{ created: boolean; policy: AdminEscalationPolicy }> {
    requireAdmin(viewer, ADMIN_ONLY);
    return this.db.transaction(async (tx) => {
      const { created } = await upsertEscalationPolicy(tx, {
        id,
        ...nameColumns(input.names),
        levels: input.levels,
        updated_at: this.clock(),
      });
      const row = await findEscalationPolicy(tx, id);
      return { created, policy: toAdminEscalationPolicy(row!) };
    });
  }

  /** Creates or updates a category; tickets keep referring to it, so there is no delete. */
  async putCategory(
    viewer: Viewer,
    id: string,
    input: PutCategory,
  ): Promise<{ created: boolean; category: AdminCategory }> {
    requireAdmin(viewer, ADMIN_ONLY);
    if (input.defaultAgencyId !== null && !(await findAgency(this.db, input.defaultAgencyId)))
      throw unknownReference({ defaultAgencyId: `no agency "${input.defaultAgencyId}"` });
    const { created, ...row } = await upsertCategory(this.db, {
      id,
      ...nameColumns(input.names),
      default_agency_id: input.defaultAgencyId,
      route_to_district_akimat: input.routeToDistrictAkimat,
      priority: input.priority,
      share_weight: input.shareWeight,
      sort_order: input.sortOrder,
    });
    return { created, category: toAdminCategory(row) };
  }
}
