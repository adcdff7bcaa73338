import { describe } from 'vitest';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { usePublicReports } from './public-reports-fixtures.ts';
import { lookupTests } from './public-reports-lookups.suite.ts';
import { refusalTests } from './public-reports-refusals.suite.ts';
import { submittingTests } from './public-reports-submitting.suite.ts';

// Residents' public doors (the report form's API and the status page), one stack per database. The
// families of tests are in public-reports-*.suite.ts and run here, in this order, on the same stack:
// a test file of their own would start another (the integration project runs its files one after
// another).

describe.each(DATABASE_KINDS)('residents’ public doors on %s', (kind) => {
  const suite = usePublicReports(kind);

  submittingTests(suite);
  refusalTests(suite);
  lookupTests(suite);
});
