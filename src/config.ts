import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Every environment variable Pledge reads, parsed once at boot. README documents each. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… uses a PostgreSQL server; unset uses the embedded PGlite store under DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** Connections per server process to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(8),
  DATA_DIR: z.string().default('./data'),
  /** Base URL printed and put in e-mailed links. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port; unset keeps mail in the outbox shown at /dev/mailbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Pledge <no-reply@pledge.local>'),
  /**
   * 1 shows the outbox at /dev/mailbox (loopback only). Never implied by a missing SMTP_URL: a
   * local reverse proxy makes every request look like loopback, and the mails hold sign-in links.
   */
  DEV_MAILBOX: z.enum(['0', '1']).default('0'),
  /** 32+ byte secret (hex or base64) for audit HMAC and tokens; generated under DATA_DIR when unset. */
  PLEDGE_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Skip seeding the demo tenant on first start. */
  PLEDGE_NO_DEMO: z.enum(['0', '1']).default('0'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** 1 behind a reverse proxy: the client IP is then read from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Seconds a started job may run; a job of a worker that died is started again within about 1.5× this. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How often a worker checks whether a schedule is due (pg-boss allows 1–45). */
  JOB_SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  /** Jobs waiting to start above which writes are refused with 503 and Retry-After. */
  JOB_QUEUE_LIMIT: z.coerce.number().int().min(1).default(50_000),
  /** Days a sent mail stays in the outbox before housekeeping deletes it. */
  MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Base URLs of the platforms' send APIs (tests point them at a local fake platform). */
  CHANNEL_API_MESSENGER: z.url().default('https://graph.facebook.com'),
  CHANNEL_API_ZALO: z.url().default('https://openapi.zalo.me'),
  CHANNEL_API_TELEGRAM: z.url().default('https://api.telegram.org'),
  /** The Meta app's secret: verifies its Data Deletion Request Callback; unset, the callback answers 404. */
  META_APP_SECRET: z.string().min(16).optional(),
  /** Signs the mail provider's inbound-mail webhook (a question mailed to ECOMKEY); unset, the webhook answers 404. */
  INBOUND_MAIL_SECRET: z.string().min(16).optional(),
  /** Serve HTTPS directly (C25): PEM certificate chain and key; with them, HSTS is sent and HTTP_REDIRECT_PORT redirects. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HSTS_MAX_AGE: z.coerce.number().int().min(0).default(31_536_000),
  /** A merger transfer (C05): days the site's notice must be up before the export may start, and where the encrypted export is written. */
  TRANSFER_NOTICE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  TRANSFER_DIR: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The dev mailbox is served (DEV_MAILBOX=1; never together with SMTP). */
  devMailbox: boolean;
  secret: Buffer;
  inboundMailSecret: string | undefined;
  transfer: { noticeDays: number; dir: string };
  /** HTTPS served by Pledge itself, when configured. */
  tls: { cert: string; key: string; redirectPort: number | undefined; hstsMaxAge: number } | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  rateLimitPerMinute: number;
  trustProxy: boolean;
  jobLeaseSeconds: number;
  jobScheduleCheckSeconds: number;
  jobQueueLimit: number;
  mailRetentionDays: number;
  /** The send API base URL of each platform. */
  channelApi: { messenger: string; zalo: string; telegram: string };
  metaAppSecret: string | undefined;
  /** Extra key-encryption keys from PLEDGE_KEK_<ID> (id lower-cased); 'k1' is always derived from the secret. */
  keks: Record<string, Buffer>;
};

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops boot with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DEV_MAILBOX === '1' && e.SMTP_URL) {
    throw new ConfigError('Invalid configuration:\n  DEV_MAILBOX: must be 0 when SMTP_URL is set (real mail is sent, so there is no dev mailbox to show)');
  }
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError('Invalid configuration:\n  TLS_CERT_FILE, TLS_KEY_FILE: set both to serve HTTPS, or neither');
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    devMailbox: e.DEV_MAILBOX === '1',
    secret: e.PLEDGE_SECRET ? Buffer.from(e.PLEDGE_SECRET) : loadOrCreateSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.PLEDGE_NO_DEMO === '0',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === '1',
    jobLeaseSeconds: e.JOB_LEASE_SECONDS,
    jobScheduleCheckSeconds: e.JOB_SCHEDULE_CHECK_SECONDS,
    jobQueueLimit: e.JOB_QUEUE_LIMIT,
    mailRetentionDays: e.MAIL_RETENTION_DAYS,
    channelApi: { messenger: e.CHANNEL_API_MESSENGER.replace(/\/$/, ''), zalo: e.CHANNEL_API_ZALO.replace(/\/$/, ''), telegram: e.CHANNEL_API_TELEGRAM.replace(/\/$/, '') },
    metaAppSecret: e.META_APP_SECRET,
    inboundMailSecret: e.INBOUND_MAIL_SECRET,
    transfer: { noticeDays: e.TRANSFER_NOTICE_DAYS, dir: resolve(e.TRANSFER_DIR ?? join(dataDir, 'transfers')) },
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? { cert: e.TLS_CERT_FILE, key: e.TLS_KEY_FILE, redirectPort: e.HTTP_REDIRECT_PORT, hstsMaxAge: e.HSTS_MAX_AGE }
      : undefined,
    keks: parseKeks(env),
  };
}

/**
 * PLEDGE_KEK_<ID>=<64 hex chars or base64 of 32 bytes>: a key-encryption key for the data keys
 * (C07). The newest id (highest number) wraps new and rotated data keys; older ones still unwrap.
 */
function parseKeks(env: NodeJS.ProcessEnv): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^PLEDGE_KEK_([A-Za-z0-9_]{1,32})$/.exec(name);
    if (!m || value === undefined) continue;
    const id = m[1]!.toLowerCase();
    const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (key.length !== 32 || !/^k\d+$/.test(id) || id === 'k1') {
      throw new ConfigError(`Invalid configuration:\n  ${name}: must be named PLEDGE_KEK_K<n> (n ≥ 2) and hold 32 bytes as 64 hex characters or base64`);
    }
    out[id] = key;
  }
  return out;
}

/** The embedded install keeps its secret beside its data, readable only by its owner. */
function loadOrCreateSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}
