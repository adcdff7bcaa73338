import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: attachments and the public doors', () => {
  it('defaults to 10 MB attachments, 20 public reports an hour, duplicates within 300 m and 48 h', () => {
    expect(loadConfig({})).toMatchObject({
      attachmentMaxBytes: 10 * 1024 * 1024,
      publicReportsPerHour: 20,
      duplicateRadiusM: 300,
      duplicateWindowMs: 48 * 3_600_000,
    });
    expect(
      loadConfig({
        ATTACHMENT_MAX_BYTES: '2048',
        PUBLIC_REPORTS_PER_HOUR: '5',
        DUPLICATE_RADIUS_M: '150',
        DUPLICATE_WINDOW_HOURS: '1.5',
      }),
    ).toMatchObject({
      attachmentMaxBytes: 2048,
      publicReportsPerHour: 5,
      duplicateRadiusM: 150,
      duplicateWindowMs: 5_400_000,
    });
  });

  it('names each bad variable', () => {
    expect(() =>
      loadConfig({ ATTACHMENT_MAX_BYTES: '10MB', PUBLIC_REPORTS_PER_HOUR: '0', DUPLICATE_RADIUS_M: '-1' }),
    ).toThrow(
      /ATTACHMENT_MAX_BYTES must be a number of bytes[\s\S]*PUBLIC_REPORTS_PER_HOUR must be ≥ 1[\s\S]*DUPLICATE_RADIUS_M must be ≥ 1 metre/,
    );
  });
});
