import type { Role } from '#contracts/auth.contract.ts';

/** Where each role starts: wall screens and supervisors watch the wallboard, the rest work the list. */
export function homePathFor(role: Role): '/wallboard' | '/tickets' {
  return role === 'display' || role === 'supervisor' ? '/wallboard' : '/tickets';
}

/** Whether the role may register new appeals (mirrors the server's canCreateTickets). */
export const canCreateTickets = (role: Role): boolean => role === 'admin' || role === 'supervisor' || role === 'operator';

/** Whether the role works the ticket list (a wall display only watches). */
export const usesConsole = (role: Role): boolean => role !== 'display';
