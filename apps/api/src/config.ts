import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** A rate limit as `MAX/SECONDS`: at most MAX requests in SECONDS. */
const rateLimit = z
  .string()
  .regex(/^[1-9]\d*\/[1-9]\d*$/, 'must be MAX/SECONDS, e.g. 10/300')
  .transform((value) => {
    const [max, windowSeconds] = value.split('/').map(Number) as [number, number];
    return { max, windowSeconds };
  });

/** The mechanic app of `pnpm dev` (also `pnpm mechanic:invite`'s default). */
export const DEFAULT_MECHANIC_APP_URL = 'http://localhost:5174';
export const DEFAULT_OPS_APP_URL = 'http://localhost:5175';

/** The API's settings, read from the environment once at start. */
export const configSchema = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    /**
     * Connections this instance's pool opens at most (LISTEN takes one more). Small on purpose: more
     * backends than the database has cores only take turns on them (`pnpm bench:api` in the API
     * README: 8 against 20 cut PostgreSQL's CPU per intake by a quarter); requests beyond it queue.
     */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(8),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /**
     * Where `GET /metrics` is served: a listener of its own, never the API's port (which the load
     * balancer and, on a direct port, anyone reach). Keep it on an address only Prometheus reaches.
     */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /** 0: any free port (the log line "metrics listening" names it); give production a fixed one. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
    /** Where browsers reach this API (better-auth's base URL, Stripe return pages). */
    PUBLIC_URL: url.optional(),
    /** The SPAs allowed to call with cookies (comma-separated origins). */
    APP_ORIGINS: z
      .string()
      .default('http://localhost:5173,http://localhost:5174,http://localhost:5175')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url)),
    /** Where the customer app shows a paid session after checkout; customers' email links there. */
    CUSTOMER_APP_URL: url.default('http://localhost:5173'),
    /** The mechanic app: mechanics' email links lead there (reset, verification, invitation, quote approved). */
    MECHANIC_APP_URL: url.default(DEFAULT_MECHANIC_APP_URL),
    /** The operations console: operators' email links lead there (reset, verification). */
    OPS_APP_URL: url.default(DEFAULT_OPS_APP_URL),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    /** Without Stripe keys: the local Stripe emulator's URL (see tooling/stripe-emulator). */
    STRIPE_EMULATOR_URL: url.optional(),
    /** How often the scheduler looks for work (promotions, expiry, refunds). */
    SCHEDULER_TICK_MS: z.coerce.number().int().min(10).default(15_000),
    /** How often orphaned sessions are expired when pg_cron does not. */
    EXPIRY_PERIOD_MS: z.coerce.number().int().min(10).default(3_600_000),
    /** How often sent quotes past their valid-until are marked expired (readers treat them so already). */
    QUOTE_EXPIRY_PERIOD_MS: z.coerce.number().int().min(10).default(3_600_000),
    /** How often the operations console's session rollup is brought up to date (@autodoctor/analytics). */
    ANALYTICS_ROLLUP_PERIOD_MS: z.coerce.number().int().min(10).default(900_000),
    /**
     * `pnpm archive`: sessions over (ended, cancelled, expired) may be archived once they are this
     * many months old; a `--before` date later than now minus this is refused.
     */
    ARCHIVE_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(24),
    /** `pnpm archive`: sessions exported, verified and deleted per transaction (short locks). */
    ARCHIVE_BATCH_SESSIONS: z.coerce.number().int().min(1).max(10_000).default(1000),
    /**
     * How often the mechanics-online count pushed to customers is read again while any follow it:
     * a switch on or off is pushed at once, a heartbeat gone stale only at this re-read.
     */
    MECHANICS_ONLINE_RECHECK_MS: z.coerce.number().int().min(100).default(15_000),
    /** Turns the API's scheduler off (e.g. a read-only replica of the API). */
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    /**
     * The client's address is the last X-Forwarded-For entry (on behind a proxy that sets it, as
     * deploy/nginx does), else the connection's. Rate limits count per address.
     */
    TRUST_PROXY: z.enum(['on', 'off']).default('off'),
    /** Rate limits on sign-in, sign-up and every mutation; `off` for tests only. */
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    /** Multiplies every limit's MAX (e.g. 10 on a machine where browser tests sign up many users). */
    RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().default(1),
    RATE_LIMIT_SIGN_IN_PER_IP: rateLimit.default({ max: 60, windowSeconds: 300 }),
    /**
     * Failed sign-ins per account (from any address) before each further failure delays the address
     * it came from (1 s, doubling, at most SECONDS); never a lock on the account itself.
     */
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: rateLimit.default({ max: 10, windowSeconds: 300 }),
    /** Sign-in attempts of one address at one account. */
    RATE_LIMIT_SIGN_IN_PER_IP_ACCOUNT: rateLimit.default({ max: 10, windowSeconds: 300 }),
    RATE_LIMIT_SIGN_UP_PER_IP: rateLimit.default({ max: 30, windowSeconds: 600 }),
    RATE_LIMIT_INTAKE_PER_ACCOUNT: rateLimit.default({ max: 10, windowSeconds: 600 }),
    RATE_LIMIT_INTAKE_PER_IP: rateLimit.default({ max: 120, windowSeconds: 600 }),
    /** Every other better-auth endpoint but get-session, per address. */
    RATE_LIMIT_AUTH_PER_IP: rateLimit.default({ max: 300, windowSeconds: 60 }),
    /**
     * Emails asked for per address (password reset, verification link, email change), whoever asks:
     * over it the endpoint answers the same and sends nothing (no flood of someone's inbox).
     */
    RATE_LIMIT_MAIL_PER_ADDRESS: rateLimit.default({ max: 3, windowSeconds: 3600 }),
    /** The same endpoints per client address (better-auth's own default for them: 3 a minute). */
    RATE_LIMIT_MAIL_PER_IP: rateLimit.default({ max: 3, windowSeconds: 60 }),
    /** `account.deleteAccount` tries (each checks the password), counted in PostgreSQL. */
    RATE_LIMIT_ACCOUNT_DELETE_PER_ACCOUNT: rateLimit.default({ max: 5, windowSeconds: 3600 }),
    /** `GET /api/account/export` (a zip of everything, photos and all), counted in PostgreSQL. */
    RATE_LIMIT_ACCOUNT_EXPORT_PER_ACCOUNT: rateLimit.default({ max: 5, windowSeconds: 3600 }),
    /** Photos' uploads per account (`POST /api/photos`): each is decoded and re-encoded. */
    RATE_LIMIT_PHOTO_UPLOAD_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 600 }),
    /**
     * The other mutations (`rate-limit/procedure-limits.ts` says which setting each one counts
     * against). Money, counted in PostgreSQL by every instance: credit packs bought (each one a
     * Stripe Checkout Session) and sessions cancelled (credits and card payments returned).
     */
    RATE_LIMIT_BUY_CREDITS_PER_ACCOUNT: rateLimit.default({ max: 10, windowSeconds: 600 }),
    RATE_LIMIT_BUY_CREDITS_PER_IP: rateLimit.default({ max: 120, windowSeconds: 600 }),
    RATE_LIMIT_CANCEL_PER_ACCOUNT: rateLimit.default({ max: 30, windowSeconds: 600 }),
    /** A customer's decisions on quotes (each may write a mechanic's bonus), counted in PostgreSQL. */
    RATE_LIMIT_QUOTE_DECISIONS_PER_ACCOUNT: rateLimit.default({ max: 20, windowSeconds: 600 }),
    /** Ratings given or changed (`customer.rateSession`), counted in PostgreSQL by every instance. */
    RATE_LIMIT_RATINGS_PER_ACCOUNT: rateLimit.default({ max: 20, windowSeconds: 600 }),
    /**
     * Cheap calls, counted in each instance's memory (no database round trip for the count), per
     * procedure and account: accepting, starting and ending sessions; the mechanic's switch and
     * heartbeat (one a minute); a room's messages, typing signals (one every 2 s while typing) and
     * read marks, sized for a person typing fast.
     */
    RATE_LIMIT_SESSION_MOVES_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 60 }),
    RATE_LIMIT_PRESENCE_PER_ACCOUNT: rateLimit.default({ max: 30, windowSeconds: 60 }),
    RATE_LIMIT_ROOM_SEND_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 60 }),
    RATE_LIMIT_ROOM_TYPING_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 60 }),
    RATE_LIMIT_ROOM_MARK_READ_PER_ACCOUNT: rateLimit.default({ max: 120, windowSeconds: 60 }),
    /** Each of a mechanic's quote writes (save, send, revise, withdraw, delete a draft), per procedure. */
    RATE_LIMIT_QUOTE_WRITES_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 600 }),
    /** A mechanic's Web Push subscribe calls, and unsubscribe calls, each (rows written), counted in PostgreSQL. */
    RATE_LIMIT_PUSH_SUBSCRIPTIONS_PER_ACCOUNT: rateLimit.default({ max: 20, windowSeconds: 600 }),
    /** Notification switches turned on or off (`account.setNotificationPreference`), per instance. */
    RATE_LIMIT_NOTIFICATION_PREFERENCES_PER_ACCOUNT: rateLimit.default({ max: 60, windowSeconds: 600 }),
    /** `ops.panel`: each is a query over the whole history; the console shows 12 at a time. */
    RATE_LIMIT_OPS_PANELS_PER_ACCOUNT: rateLimit.default({ max: 240, windowSeconds: 60 }),
    RATE_LIMIT_OPS_WRITES_PER_ACCOUNT: rateLimit.default({ max: 30, windowSeconds: 60 }),
    /** `GET` and `POST /api/unsubscribe` (no sign-in: each checks a token), per address, counted in PostgreSQL. */
    RATE_LIMIT_UNSUBSCRIBE_PER_IP: rateLimit.default({ max: 30, windowSeconds: 600 }),
    /**
     * Where photos' bytes are kept: `postgres` (the `photo_blobs` table) or `s3` (a bucket of AWS S3
     * or of an S3-compatible store: the S3_* settings). See apps/api/README.md, "Photo storage".
     */
    PHOTO_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
    /** With PHOTO_STORAGE=s3: the bucket (kept private: photos are served only through the API). */
    S3_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
      )
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a region name, e.g. us-east-1 or auto')
      .default('us-east-1'),
    /** An S3-compatible store's URL (MinIO, R2, Garage…); unset for AWS S3 itself. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
    /** `on`: bucket in the path (`<endpoint>/<bucket>/<key>`), as most self-hosted stores want. */
    S3_FORCE_PATH_STYLE: z.enum(['on', 'off']).default('off'),
    /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, profiles, instance roles…). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /**
     * Web Push to mechanics (VAPID, RFC 8292): the application server's key pair, base64url as
     * `npx web-push generate-vapid-keys` prints it, and a contact for push services (`mailto:` or
     * `https:`). All three or none; none: push is off (the mechanic app says so).
     */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key, base64url (87 characters)')
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, base64url (43 characters)')
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL')
      .optional(),
    /**
     * The push services browsers' subscriptions may point at (a host, or a domain and its
     * subdomains): the API sends requests to those URLs, so not to anything a caller names.
     */
    PUSH_SERVICE_HOSTS: z
      .string()
      .default('fcm.googleapis.com,updates.push.services.mozilla.com,push.apple.com,notify.windows.com')
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** How often the scheduler looks for mechanics to tell of new sessions by Web Push. */
    PUSH_PERIOD_MS: z.coerce.number().int().min(10).default(5_000),
    /**
     * Where email goes: `smtp://user:password@host:587` (STARTTLS when the server offers it) or
     * `smtps://…:465` (TLS from the start). Unset: the mail worker warns and leaves the outbox
     * pending (nothing is lost; set it and restart to deliver). `pnpm dev` points it at the mail catcher.
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    /** The From of every email. */
    MAIL_FROM: z.string().min(3).max(200).default('AutoDoctor <no-reply@autodoctor.local>'),
    /** The right-hand side of each Message-ID (`<outbox id@MAIL_DOMAIN>`): a domain you own. */
    MAIL_DOMAIN: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'must be a domain name')
      .default('autodoctor.local'),
    /**
     * Optional: an address that handles unsubscribe requests by email; when set, optional mail's
     * `List-Unsubscribe` names it beside the one-click HTTPS link (which alone is what RFC 8058 needs).
     */
    MAIL_UNSUBSCRIBE_MAILTO: z.email().optional(),
    /** How often the mail worker looks for due messages besides being woken by each insert. */
    MAIL_POLL_MS: z.coerce.number().int().min(10).default(10_000),
    /**
     * How long a claimed message is a worker's own (its lease): an instance that dies mid-send
     * leaves it to another after this. Longer than a send can take (the SMTP timeouts are below it).
     */
    MAIL_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
    /** Messages claimed per round by one worker. */
    MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** Tries per message before it is marked `dead` (kept, with its last error, for a person to look at). */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    /** Wait after the first failure, doubled after each next one (with jitter), at most the cap. */
    MAIL_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(30_000),
    MAIL_BACKOFF_CAP_MS: z.coerce.number().int().min(1).default(3_600_000),
    /**
     * Whether webhook endpoints may be on loopback (and plain http there): `on` for tests and
     * `pnpm dev` only. Private, link-local and metadata addresses are refused whatever this says.
     */
    WEBHOOK_ALLOW_LOOPBACK: z.enum(['on', 'off']).default('off'),
    /** How often the webhook worker looks for due deliveries besides being woken by each event. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(10).default(10_000),
    /** How long a claimed delivery is a worker's own: longer than WEBHOOK_TIMEOUT_MS. */
    WEBHOOK_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
    WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** How long an endpoint has to answer a delivery. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(10_000),
    /** Wait after a delivery's first failure, doubled after each next one (with jitter), at most the cap. */
    WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(30_000),
    WEBHOOK_BACKOFF_CAP_MS: z.coerce.number().int().min(1).default(3_600_000),
    /** A delivery is retried until its event is this old (a day), then `failed`. */
    WEBHOOK_RETRY_FOR_MS: z.coerce.number().int().min(1).default(86_400_000),
    /** An endpoint every delivery to which has failed for this long (a day) is disabled. */
    WEBHOOK_DISABLE_AFTER_MS: z.coerce.number().int().min(1).default(86_400_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((config, ctx) => {
    if (config.PHOTO_STORAGE === 's3' && !config.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required with PHOTO_STORAGE=s3' });
    }
    if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_ACCESS_KEY_ID'],
        message:
          "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS SDK's own credentials)",
      });
    }
    const vapid = [config.VAPID_PUBLIC_KEY, config.VAPID_PRIVATE_KEY, config.VAPID_SUBJECT].filter(
      Boolean,
    ).length;
    if (vapid !== 0 && vapid !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAPID_PUBLIC_KEY'],
        message: 'set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together, or none (push off)',
      });
    }
    if (config.MAIL_BACKOFF_CAP_MS < config.MAIL_BACKOFF_BASE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_BACKOFF_CAP_MS'],
        message: 'must be at least MAIL_BACKOFF_BASE_MS',
      });
    }
    if (config.WEBHOOK_BACKOFF_CAP_MS < config.WEBHOOK_BACKOFF_BASE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_BACKOFF_CAP_MS'],
        message: 'must be at least WEBHOOK_BACKOFF_BASE_MS',
      });
    }
    if (config.WEBHOOK_LEASE_MS <= config.WEBHOOK_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_LEASE_MS'],
        message: 'must be longer than WEBHOOK_TIMEOUT_MS (a delivery must end within its lease)',
      });
    }
    const keys = [config.STRIPE_SECRET_KEY, config.STRIPE_WEBHOOK_SECRET].filter(Boolean).length;
    if (keys === 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message: 'set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither (to use the emulator)',
      });
    }
    if (keys === 0 && !config.STRIPE_EMULATOR_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_EMULATOR_URL'],
        message: 'without Stripe keys, STRIPE_EMULATOR_URL must point at the Stripe emulator',
      });
    }
  });

export type ApiConfig = z.output<typeof configSchema>;
export type ApiConfigInput = z.input<typeof configSchema>;

/** A setting was missing or wrong; the message is one line naming each. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the settings (e.g. `process.env`) or throws one ConfigError naming every problem. */
export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'} ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** The URL browsers use for this API. */
export function publicUrlOf(config: ApiConfig, port: number): string {
  return config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
}
