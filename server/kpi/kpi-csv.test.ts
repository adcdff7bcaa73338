import { describe, expect, it } from 'vitest';
import type { KpiReportLine } from '../contracts/kpi-report.contract.ts';
import { kpiReportCsv } from './kpi-csv.ts';

const line = (overrides: Partial<KpiReportLine>): KpiReportLine => ({
  key: 'astana-su-arnasy',
  received: 10,
  processed: 9,
  processedRate: 0.9,
  firstContact: 2,
  firstContactRate: 0.2,
  ackCompliance: 1,
  resolveCompliance: null,
  overdueNow: 1,
  openNow: 1,
  misrouteRate: 0,
  reopenRate: null,
  acceptMinutesP50: 12.5,
  acceptMinutesP90: 30,
  resolveMinutesP50: null,
  resolveMinutesP90: null,
  ...overrides,
});

describe('the KPI report as CSV', () => {
  it('has a header and one CRLF line per group, empty cells for figures not measurable', () => {
    const csv = kpiReportCsv({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      groupBy: 'agency',
      lines: [line({})],
    });
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'from,to,agency,received,processed,processedRate,firstContact,firstContactRate,ackCompliance,resolveCompliance,overdueNow,openNow,misrouteRate,reopenRate,acceptMinutesP50,acceptMinutesP90,resolveMinutesP50,resolveMinutesP90',
    );
    expect(row).toBe(
      '2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,astana-su-arnasy,10,9,0.9,2,0.2,1,,1,1,0,,12.5,30,,',
    );
    expect(end).toBe('');
  });

  it('quotes and defuses what a spreadsheet would misread', () => {
    const csv = kpiReportCsv({
      from: 'a',
      to: 'b',
      groupBy: 'category',
      lines: [line({ key: '=HYPERLINK("x"),y' })],
    });
    expect(csv.split('\r\n')[1]!.split(',').slice(0, 3).join(',')).toBe(`a,b,"'=HYPERLINK(""x"")`);
  });
});
