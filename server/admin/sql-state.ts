/** PostgreSQL error codes the admin services turn into 409/422 answers (a concurrent change won the race). */
export const SQL_STATE = { uniqueViolation: '23505', foreignKeyViolation: '23503' } as const;

/** Whether `err` is a PostgreSQL error with this SQLSTATE; both drivers put it in `code`. */
export function hasSqlState(err: unknown, state: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === state;
}
