import type { Role } from '#contracts/auth.contract.ts';

/**
 * Whether the role reads the centre's reports: supervisors and administrators. The API refuses
 * agency staff (a report compares agencies); operators take calls and have no use for it.
 */
export const canSeeReports = (role: Role): boolean => role === 'supervisor' || role === 'admin';
