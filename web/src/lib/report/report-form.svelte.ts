import { ApiError, sendPublicReport, type PublicReport } from '../api.ts';
import { reportErrors, type ReportErrors, type ReportField, type Say } from './report-errors.ts';
import { ReportAttempts } from './report-attempts.ts';
import type { PreparedPhoto } from './photo-prepare.ts';

/** A report the server took: its number, where to follow it, and whether it is an earlier attempt's. */
export interface FiledAppeal {
  registrationNumber: string;
  statusUrl: string;
  /** The answer to an earlier attempt whose reply was lost, not to the form as it is now. */
  earlier: boolean;
}

const NO_ERRORS: ReportErrors = { fields: {}, form: null };

/**
 * The residents' report form: what they entered, the photos ready to send, the submission and its
 * outcome. One Idempotency-Key covers every attempt until a report is filed (ReportAttempts), and a
 * second tap while one is on its way does nothing.
 */
export class ReportForm {
  categoryId = $state<string | null>(null);
  lat = $state<number | null>(null);
  lon = $state<number | null>(null);
  address = $state('');
  description = $state('');
  name = $state('');
  phone = $state('');
  email = $state('');
  photos = $state.raw<readonly PreparedPhoto[]>([]);
  sending = $state(false);
  /** Upload progress of the current attempt, 0..1. */
  progress = $state(0);
  errors = $state.raw<ReportErrors>(NO_ERRORS);
  filed = $state.raw<FiledAppeal | null>(null);

  #attempts: ReportAttempts;
  #send: typeof sendPublicReport;

  /** `send` is the HTTP call; tests give a fake. */
  constructor(send: typeof sendPublicReport = sendPublicReport, attempts = new ReportAttempts()) {
    this.#send = send;
    this.#attempts = attempts;
  }

  /** The report as the server takes it: optional fields only when filled in (the contract is strict). */
  report(): PublicReport {
    const report: PublicReport = { categoryId: this.categoryId ?? '', description: this.description.trim() };
    if (this.lat !== null && this.lon !== null) Object.assign(report, { lat: this.lat, lon: this.lon });
    for (const key of ['address', 'name', 'phone', 'email'] as const) {
      const value = this[key].trim();
      if (value) report[key] = value;
    }
    if (this.photos.length > 0) report.photos = this.photos.map((p) => p.dataUrl);
    return report;
  }

  /** What is missing before anything is sent: the three things every report needs. */
  missing(): Partial<Record<ReportField, Say>> {
    const missing: Partial<Record<ReportField, Say>> = {};
    if (!this.categoryId) missing.category = { key: 'report.missing.category' };
    if ((this.lat === null || this.lon === null) && !this.address.trim())
      missing.place = { key: 'report.missing.place' };
    if (!this.description.trim()) missing.description = { key: 'report.missing.description' };
    return missing;
  }

  /** Drops the error shown on a field once the resident changes it. */
  clearError(field: ReportField): void {
    if (!this.errors.fields[field]) return;
    const fields = { ...this.errors.fields };
    delete fields[field];
    this.errors = { fields, form: Object.keys(fields).length > 0 ? this.errors.form : null };
  }

  /** Sends the report once; a tap while it is on its way is ignored. */
  async submit(): Promise<void> {
    if (this.sending) return;
    const missing = this.missing();
    if (Object.keys(missing).length > 0) {
      this.errors = { fields: missing, form: { key: 'report.error.fields' } };
      return;
    }
    this.sending = true;
    this.progress = 0;
    this.errors = NO_ERRORS;
    const body = JSON.stringify(this.report());
    try {
      await this.#file(body, false);
    } catch (err) {
      const earlier = this.#attempts.unansweredBody;
      if (err instanceof ApiError && err.code === 'idempotency_key_reused' && earlier !== null) {
        // The attempt whose answer was lost did arrive: fetch its number instead of filing twice.
        await this.#file(earlier, true).catch((again: unknown) => this.#failed(again, earlier));
      } else this.#failed(err, body);
    } finally {
      this.sending = false;
    }
  }

  async #file(body: string, earlier: boolean): Promise<void> {
    const answer = await this.#send(body, this.#attempts.key, (fraction) => (this.progress = fraction));
    this.#attempts.filed();
    this.progress = 1;
    this.filed = { registrationNumber: answer.registrationNumber, statusUrl: answer.statusUrl, earlier };
  }

  #failed(err: unknown, body: string): void {
    // No answer, a fault, or still running: it may have been filed, so the key stays with this body.
    const unknownOutcome =
      !(err instanceof ApiError) ||
      err.status === 0 ||
      err.status >= 500 ||
      err.code === 'request_in_progress';
    if (unknownOutcome) this.#attempts.unanswered(body);
    this.errors = reportErrors(err);
  }
}
