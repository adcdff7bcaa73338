import type { Role, SessionUser } from '#contracts/auth.contract.ts';

/**
 * Where each role starts, as a route id for `resolve()`: walls and supervisors watch the wallboard,
 * operators take calls at the operator console, everyone else works the ticket list.
 */
export function homePathFor(role: Role): '/wallboard' | '/(console)/tickets' | '/(console)/operator' {
  if (role === 'display' || role === 'supervisor') return '/wallboard';
  return role === 'operator' ? '/(console)/operator' : '/(console)/tickets';
}

/** Whether the role may register new appeals (mirrors the server's canCreateTickets). */
export const canCreateTickets = (role: Role): boolean =>
  role === 'admin' || role === 'supervisor' || role === 'operator';

/** Whether the role works the ticket list (a wall display only watches). */
export const usesConsole = (role: Role): boolean => role !== 'display';

/**
 * The part of every ticket query fixed by who is asking: agency staff see their agency's tickets
 * only (the server enforces it; the client needs it too, to drop a ticket reassigned elsewhere).
 */
export function scopeFor(user: Pick<SessionUser, 'role' | 'agencyId'>): { agencyId?: string } {
  return user.role === 'agency' && user.agencyId ? { agencyId: user.agencyId } : {};
}
