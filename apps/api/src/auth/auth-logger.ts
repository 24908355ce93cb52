import type { Logger } from '../logger.ts';

/**
 * better-auth's log lines that say a client sent something wrong (a callback URL or origin we do
 * not trust, a wrong password, an endpoint we do not offer…), by what it logs
 * (better-auth/dist/api/middlewares/origin-check.mjs, routes/*.mjs). Each is named by a kind.
 */
const CLIENT_MISTAKES: { kind: string; message: RegExp }[] = [
  {
    kind: 'untrusted-url',
    message: /^Invalid (origin|callbackURL|redirectURL|errorCallbackURL|newUserCallbackURL)\b/,
  },
  { kind: 'cross-site-navigation', message: /^Blocked cross-site navigation login attempt/ },
  { kind: 'wrong-email-or-password', message: /^(User not found|Password not found|Invalid password)$/ },
  { kind: 'password-length', message: /^Password is too (short|long)$/ },
  { kind: 'reset-password-unknown-user', message: /^Reset Password: User not found$/ },
  { kind: 'same-email', message: /^Email is the same$/ },
  // Endpoints better-auth mounts that this API does not use (reset, verification, delete, change email).
  { kind: 'endpoint-not-enabled', message: /isn't enabled|is disabled|^Email and password is not enabled/ },
  // Social sign-in and OAuth callbacks: no provider is configured, so any such call is a client's.
  {
    kind: 'oauth',
    message:
      /^(Failed to parse state|State not found|Code not found|OAuth provider not found|INVALID_CALLBACK_REQUEST|No callback URL found|Provider not found|Provider does not support|Invalid id token|Failed to get user info)/,
  },
];

/** The longest client text (a URL, say) a line keeps. */
const MAX_MESSAGE_CHARS = 300;

export interface AuthLoggerOptions {
  /** Lines of one kind logged per window; the rest are counted (default 10). */
  perWindow?: number;
  /** The window (default one minute). */
  windowMs?: number;
  now?: () => number;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * better-auth's `logger`: its lines go to pino (redacted), except that a client's mistake is a
 * warning, never an error, and is rate-limited per kind — at most `perWindow` lines a window, then
 * one line saying how many were left out — so that a stranger cannot fill the log. Our own
 * failures keep their level.
 */
export function createAuthLogger(log: Logger, options: AuthLoggerOptions = {}) {
  const perWindow = options.perWindow ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const windows = new Map<
    string,
    { started: number; logged: number; suppressed: number; timer?: NodeJS.Timeout }
  >();

  const reportSuppressed = (kind: string) => {
    const window = windows.get(kind);
    if (!window) return;
    clearTimeout(window.timer);
    windows.delete(kind);
    if (window.suppressed > 0) {
      log.warn(
        { kind, suppressed: window.suppressed, windowMs },
        'auth: more client mistakes of this kind were not logged',
      );
    }
  };

  const clientMistake = (kind: string, message: string, args: unknown[]) => {
    let window = windows.get(kind);
    if (window && now() - window.started >= windowMs) {
      reportSuppressed(kind);
      window = undefined;
    }
    if (!window) {
      window = { started: now(), logged: 0, suppressed: 0 };
      windows.set(kind, window);
    }
    if (window.logged < perWindow) {
      window.logged++;
      log.warn({ kind, args }, `auth: ${message.slice(0, MAX_MESSAGE_CHARS)}`);
      return;
    }
    window.suppressed++;
    // Said when the window ends, even if no further line of this kind comes.
    window.timer ??= setTimeout(() => reportSuppressed(kind), window.started + windowMs - now()).unref();
  };

  return {
    log(level: Level, message: string, ...args: unknown[]) {
      const mistake = CLIENT_MISTAKES.find((known) => known.message.test(message));
      if (mistake) clientMistake(mistake.kind, message, args);
      else log[level]({ args }, message);
    },
  };
}

export type AuthLogger = ReturnType<typeof createAuthLogger>;
