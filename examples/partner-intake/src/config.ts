import { createHash } from 'node:crypto';

/** A partner: who it is, and the SHA-256 of its API key (the key itself is never stored). */
export interface Partner {
  id: string;
  keyHash: Buffer;
}

export interface PartnerIntakeConfig {
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  partners: Partner[];
  /** Requests a partner may make per minute (opening a feed counts as one). */
  requestsPerMinute: number;
  /** Event feeds a partner may hold open at once. */
  maxOpenFeedsPerPartner: number;
}

/** The largest request body taken (a session's intake is well under 4 KB). */
export const BODY_LIMIT_BYTES = 16 * 1024;
/** How often an open feed reads again without a NOTIFY (an event can settle after its own NOTIFY). */
export const FEED_POLL_MS = 2_000;
/** A comment line this often keeps proxies from closing an idle feed. */
export const FEED_KEEPALIVE_MS = 15_000;

const PARTNER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The SHA-256 of an API key, as PARTNER_KEYS holds it (hex). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * `PARTNER_KEYS` = `id=sha256hex,id2=sha256hex`: each partner's id and the hash of its key
 * (`npm run new-key -- <id>` makes a key and prints its entry).
 */
export function parsePartnerKeys(value: string | undefined): Partner[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError('PARTNER_KEYS is empty: set id=sha256hex[,id=sha256hex…]');
  const partners = entries.map((entry) => {
    const [id = '', hash = ''] = entry.split('=');
    if (!PARTNER_ID.test(id))
      throw new ConfigError(`PARTNER_KEYS: "${id}" is not a partner id (a-z, 0-9, -)`);
    if (!SHA256_HEX.test(hash)) throw new ConfigError(`PARTNER_KEYS: ${id}'s key hash is not 64 hex digits`);
    return { id, keyHash: Buffer.from(hash, 'hex') };
  });
  if (new Set(partners.map((partner) => partner.id)).size !== partners.length) {
    throw new ConfigError('PARTNER_KEYS names a partner twice');
  }
  return partners;
}

function positiveInteger(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new ConfigError(`${name} must be a whole number ≥ ${min}`);
  return number;
}

/** The service's settings, from the environment (README, "Settings"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PartnerIntakeConfig {
  if (!env.DATABASE_URL)
    throw new ConfigError('DATABASE_URL is not set: the AutoDoctor database (a direct connection)');
  return {
    databaseUrl: env.DATABASE_URL,
    host: env.HOST || '127.0.0.1',
    port: positiveInteger('PORT', env.PORT, 8787, 0),
    partners: parsePartnerKeys(env.PARTNER_KEYS),
    requestsPerMinute: positiveInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 60),
    maxOpenFeedsPerPartner: positiveInteger('MAX_OPEN_FEEDS', env.MAX_OPEN_FEEDS, 20),
  };
}
