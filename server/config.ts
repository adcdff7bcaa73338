import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  ATTACHMENT_STORE_ENV,
  attachmentStoreConfig,
  checkAttachmentStoreEnv,
  type AttachmentStoreConfig,
} from './attachments/attachment-store-config.ts';
import { DEFAULT_REGISTRATION_FORMAT, registrationFormatProblems } from './engine/registration-number.ts';
import { issuesToFields } from './errors.ts';
import {
  checkTelegramEnv,
  TELEGRAM_ENV,
  telegramConfig,
  type TelegramConfig,
} from './telegram/telegram-config.ts';

const OnOff = z.enum(['on', 'off'], { error: 'must be "on" or "off"' });

const Env = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number 0-65535' })
    .int('must be a port number 0-65535')
    .min(0, 'must be a port number 0-65535')
    .max(65535, 'must be a port number 0-65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SIMULATOR: OnOff.optional(),
  SIMULATOR_RATE: z.coerce
    .number({ error: 'must be a number of appeals per minute' })
    .min(0, 'must be ≥ 0')
    .max(6000, 'must be ≤ 6000 appeals per minute')
    .default(20),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(256).optional(),
  OPEN311_API_KEYS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TILE_URL: z.string().min(1).default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  TZ_CITY: z
    .string()
    .default('Asia/Almaty')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Almaty'),
  PROCESSED_TARGET: z.coerce
    .number({ error: 'must be a fraction 0..1' })
    .min(0, 'must be a fraction 0..1')
    .max(1, 'must be a fraction 0..1')
    .default(0.997),
  SLA_TARGET: z.coerce
    .number({ error: 'must be a fraction 0..1' })
    .min(0, 'must be a fraction 0..1')
    .max(1, 'must be a fraction 0..1')
    .default(0.9),
  KPI_AMBER_MARGIN: z.coerce
    .number({ error: 'must be a fraction 0..1' })
    .min(0, 'must be a fraction 0..1')
    .max(1, 'must be a fraction 0..1')
    .default(0.05),
  FIRST_CONTACT_TARGET: z.coerce
    .number({ error: 'must be a fraction 0..1' })
    .min(0, 'must be a fraction 0..1')
    .max(1, 'must be a fraction 0..1')
    .default(0.85),
  COOKIE_SECURE: OnOff.default('off'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://109.astana.kz' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  SOCIAL_WEBHOOK_SECRETS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^[a-z0-9-]{2,32}=.{16,}$/,
            'must be source=secret pairs, comma-separated, secrets of 16+ characters',
          ),
      ),
    ),
  REGISTRATION_NUMBER_FORMAT: z
    .string()
    .default(DEFAULT_REGISTRATION_FORMAT)
    .superRefine((template, ctx) => {
      for (const message of registrationFormatProblems(template)) ctx.addIssue({ code: 'custom', message });
    }),
  REOPEN_WINDOW_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be ≥ 0')
    .max(3650, 'must be ≤ 3650')
    .default(30),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be ≥ 1024 bytes')
    .max(100 * 1024 * 1024, 'must be ≤ 104857600 bytes (100 MB)')
    .default(10 * 1024 * 1024),
  PUBLIC_REPORTS_PER_HOUR: z.coerce
    .number({ error: 'must be a number of reports per hour' })
    .int('must be a whole number of reports per hour')
    .min(1, 'must be ≥ 1')
    .max(100_000, 'must be ≤ 100000')
    .default(20),
  DUPLICATE_RADIUS_M: z.coerce
    .number({ error: 'must be a number of metres' })
    .min(1, 'must be ≥ 1 metre')
    .max(5000, 'must be ≤ 5000 metres')
    .default(300),
  DUPLICATE_WINDOW_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .min(1, 'must be ≥ 1 hour')
    .max(720, 'must be ≤ 720 hours')
    .default(48),
  ...TELEGRAM_ENV,
  ...ATTACHMENT_STORE_ENV,
});
// Checks across variables, after each one parsed.
const CheckedEnv = Env.superRefine(checkTelegramEnv).superRefine(checkAttachmentStoreEnv);

/** Komek's configuration: parsed once at start, frozen; nothing else reads process.env. */
export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  simulator: boolean;
  simulatorRatePerMinute: number;
  adminPassword: string | null;
  open311ApiKeys: readonly string[];
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  tileUrl: string;
  tileAttribution: string;
  cityTimeZone: string;
  firstContactTarget: number;
  /** Targets of the wall's other rate tiles: processed share, and deadlines met. */
  processedTarget: number;
  slaTarget: number;
  /** A rate this far below its target shows amber; further below, red. */
  kpiAmberMargin: number;
  cookieSecure: boolean;
  /** How long after closing a resident may still dispute an appeal. */
  reopenWindowMs: number;
  /** How registration numbers are written: `{year}-{seq:6}` → 2026-000123. */
  registrationFormat: string;
  /** The HMAC secret of each social-network connector, by source name. */
  socialWebhookSecrets: ReadonlyMap<string, string>;
  /** The address residents reach this Komek at (links in their messages); null: the listening address. */
  publicUrl: string | null;
  /** The largest attachment (photo, PDF) accepted from any channel, before metadata is stripped. */
  attachmentMaxBytes: number;
  /** Where attachment bytes live: DATA_DIR/attachments, or an S3-compatible bucket (ATTACHMENT_STORE). */
  attachmentStore: AttachmentStoreConfig;
  /** How many appeals one client address may file through the public web form per hour. */
  publicReportsPerHour: number;
  /** "Already reported nearby": how far and how far back a same-category open appeal counts. */
  duplicateRadiusM: number;
  duplicateWindowMs: number;
  /** The Telegram bot; null when TELEGRAM_BOT_TOKEN is unset (the bot is off). */
  telegram: TelegramConfig | null;
}>;

/** Thrown when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {}

/** Reads and validates the environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = CheckedEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = Object.entries(issuesToFields(result.error.issues)).map(
      ([name, msg]) => `  ${name} ${msg}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    simulator: (e.SIMULATOR ?? (e.DATABASE_URL ? 'off' : 'on')) === 'on',
    simulatorRatePerMinute: e.SIMULATOR_RATE,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    open311ApiKeys: Object.freeze(e.OPEN311_API_KEYS),
    logLevel: e.LOG_LEVEL,
    tileUrl: e.TILE_URL,
    tileAttribution: e.TILE_ATTRIBUTION,
    cityTimeZone: e.TZ_CITY,
    firstContactTarget: e.FIRST_CONTACT_TARGET,
    processedTarget: e.PROCESSED_TARGET,
    slaTarget: e.SLA_TARGET,
    kpiAmberMargin: e.KPI_AMBER_MARGIN,
    cookieSecure: e.COOKIE_SECURE === 'on',
    reopenWindowMs: e.REOPEN_WINDOW_DAYS * 86_400_000,
    registrationFormat: e.REGISTRATION_NUMBER_FORMAT,
    socialWebhookSecrets: new Map(
      e.SOCIAL_WEBHOOK_SECRETS.map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      }),
    ),
    publicUrl: e.PUBLIC_URL ?? null,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    attachmentStore: attachmentStoreConfig(e),
    publicReportsPerHour: e.PUBLIC_REPORTS_PER_HOUR,
    duplicateRadiusM: e.DUPLICATE_RADIUS_M,
    duplicateWindowMs: e.DUPLICATE_WINDOW_HOURS * 3_600_000,
    telegram: telegramConfig(e),
  });
}

/** A password for the first admin when none was configured: printed once at first start. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
