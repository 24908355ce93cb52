import { assertSchemaVersion, connect, type SchemaVersion } from '@autodoctor/db';
import {
  ActiveSessionConflictError,
  createSessionRecord,
  ensureCustomer,
  ensureCustomerInputSchema,
  intakeSchema,
  isUuid,
  positionOfEvent,
  SessionCoreError,
  type FeedPosition,
  type SessionErrorKind,
} from '@autodoctor/session-core';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth.ts';
import { BODY_LIMIT_BYTES, type Partner, type PartnerIntakeConfig } from './config.ts';
import { EventWaker, streamSessionEvents } from './feed.ts';
import { RateLimiter } from './rate-limit.ts';
import { isPartnerSession, preparePartnerTables, recordPartnerSession } from './store.ts';

/**
 * What a partner sends to open a session: its customer, and the intake as session-core's own
 * rules read it (the same messages the customer app shows). Checked whole before anything is
 * written, so a bad vehicle never leaves a new account behind. Unknown fields are dropped.
 */
export const openSessionSchema = intakeSchema
  .pick({ vehicle: true, concern: true, scheduledFor: true })
  .extend({ customer: ensureCustomerInputSchema });

/** A refusal: the HTTP status and the JSON body `{ error: { code, message, … } }`. */
class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

const STATUS_OF_KIND: Record<SessionErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
};

const sessionNotFound = () => new HttpError(404, 'SESSION_NOT_FOUND', 'No session of yours with that id');

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** The body as JSON, refused above BODY_LIMIT_BYTES (413) or when it is not JSON (415, 400). */
async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  const tooLarge = () =>
    new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${BODY_LIMIT_BYTES} bytes`, {
      limitBytes: BODY_LIMIT_BYTES,
    });
  if (Number(request.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The body is not valid JSON');
  }
}

export interface PartnerIntake {
  /** `http://host:port`. */
  url: string;
  schemaVersion: SchemaVersion;
  /** Stops taking requests, ends the open feeds and closes the database connections. */
  close: () => Promise<void>;
}

/**
 * Starts the service: connects, refuses to start on a database whose schema is behind the
 * installed `@autodoctor/db` (`assertSchemaVersion`: migrating is the API's deploy's job),
 * prepares its own table and listens.
 */
export async function startPartnerIntake(config: PartnerIntakeConfig): Promise<PartnerIntake> {
  const { db, sql, close: closeDb } = connect(config.databaseUrl, { max: 8 });
  let waker: EventWaker | undefined;
  try {
    const schemaVersion = await assertSchemaVersion(db);
    await preparePartnerTables(sql);
    waker = await EventWaker.start(config.databaseUrl);
    const events = waker;
    const limiter = new RateLimiter(config.requestsPerMinute);
    const openFeeds = new Map<string, Set<{ end: () => void }>>();

    async function openSession(partner: Partner, request: IncomingMessage, response: ServerResponse) {
      const parsed = openSessionSchema.safeParse(await readJson(request));
      if (!parsed.success) {
        throw new HttpError(400, 'INVALID_INPUT', 'The request does not describe a session', {
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          })),
        });
      }
      const { customer: who, ...intake } = parsed.data;
      const customer = await ensureCustomer(db, who);
      try {
        // A partner's customer gets their free session (one per customer): the partner's contract
        // pays us, not the customer's card or credits (README, "What a partner opens").
        const { session } = await createSessionRecord(db, {
          type: 'free',
          customerUserId: customer.userId,
          ...intake,
        });
        await recordPartnerSession(sql, session.id, partner.id);
        sendJson(response, 201, {
          sessionId: session.id,
          status: session.status,
          customer: { created: customer.created },
          events: `/sessions/${session.id}/events`,
        });
      } catch (error) {
        // The active session is named only to the partner who opened it (session-core's message
        // names it too, so it is not passed on).
        if (error instanceof ActiveSessionConflictError) {
          const ours = await isPartnerSession(sql, error.activeSessionId, partner.id);
          throw new HttpError(
            409,
            error.code,
            'The customer already has a session open',
            ours ? { sessionId: error.activeSessionId } : {},
          );
        }
        throw error;
      }
    }

    async function followSession(
      partner: Partner,
      sessionId: string,
      request: IncomingMessage,
      response: ServerResponse,
    ) {
      if (!isUuid(sessionId) || !(await isPartnerSession(sql, sessionId, partner.id)))
        throw sessionNotFound();
      // Resume after the last event received (the EventSource header, or ?after=<event id>), else
      // from the session's first event.
      const resumeFrom =
        request.headers['last-event-id'] ?? new URL(request.url ?? '/', 'http://x').searchParams.get('after');
      let after: FeedPosition = { txId: '0', id: 0 };
      if (resumeFrom !== null && resumeFrom !== undefined && resumeFrom !== '') {
        const eventId = Number(resumeFrom);
        const position =
          Number.isSafeInteger(eventId) && eventId > 0 ? await positionOfEvent(db, eventId) : undefined;
        if (!position)
          throw new HttpError(400, 'INVALID_EVENT_ID', 'Last-Event-ID / after is not an event id');
        after = position;
      }
      const feeds = openFeeds.get(partner.id) ?? new Set();
      if (feeds.size >= config.maxOpenFeedsPerPartner) {
        throw new HttpError(
          429,
          'TOO_MANY_FEEDS',
          `At most ${config.maxOpenFeedsPerPartner} feeds open at once`,
        );
      }
      openFeeds.set(partner.id, feeds);
      const feed = streamSessionEvents({
        db,
        waker: events,
        sessionId,
        after,
        response,
        onClose: () => feeds.delete(feed),
      });
      feeds.add(feed);
    }

    async function handle(request: IncomingMessage, response: ServerResponse) {
      const { pathname } = new URL(request.url ?? '/', 'http://x');
      if (pathname === '/healthz' && request.method === 'GET') return sendJson(response, 200, { ok: true });
      const partner = authenticate(request.headers.authorization, config.partners);
      if (!partner) {
        // Guessing keys is rate-limited too, per client address.
        const retry = limiter.take(`address:${request.socket.remoteAddress ?? ''}`);
        if (retry !== undefined) {
          throw new HttpError(
            429,
            'TOO_MANY_REQUESTS',
            `At most ${limiter.limit} requests a minute`,
            {},
            {
              'retry-after': String(retry),
            },
          );
        }
        throw new HttpError(
          401,
          'UNAUTHORIZED',
          'Send your API key as Authorization: Bearer <key>',
          {},
          {
            'www-authenticate': 'Bearer',
          },
        );
      }
      const retryAfter = limiter.take(`partner:${partner.id}`);
      if (retryAfter !== undefined) {
        throw new HttpError(
          429,
          'TOO_MANY_REQUESTS',
          `At most ${limiter.limit} requests a minute`,
          {},
          {
            'retry-after': String(retryAfter),
          },
        );
      }
      const follow = /^\/sessions\/([^/]+)\/events$/.exec(pathname);
      if (pathname === '/sessions') {
        if (request.method !== 'POST')
          throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST /sessions', {}, { allow: 'POST' });
        return await openSession(partner, request, response);
      }
      if (follow) {
        if (request.method !== 'GET')
          throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'GET only', {}, { allow: 'GET' });
        return await followSession(partner, decodeURIComponent(follow[1]!), request, response);
      }
      throw new HttpError(404, 'NOT_FOUND', 'No such endpoint: POST /sessions, GET /sessions/:id/events');
    }

    const server = createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (response.headersSent) return void response.end();
        if (error instanceof HttpError) {
          // A refused upload is not read on: close the connection rather than drain it.
          if (error.status === 413) response.setHeader('connection', 'close');
          return sendJson(
            response,
            error.status,
            { error: { code: error.code, message: error.message, ...error.details } },
            error.headers,
          );
        }
        // session-core's typed errors: a clear status and their stable code; nothing was written.
        if (error instanceof SessionCoreError) {
          const issues = 'issues' in error ? { issues: error.issues } : {};
          return sendJson(response, STATUS_OF_KIND[error.kind], {
            error: { code: error.code, message: error.message, ...issues },
          });
        }
        console.error(`${request.method} ${request.url} failed:`, error);
        sendJson(response, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${config.host}:${port}`,
      schemaVersion,
      close: async () => {
        const closed = new Promise((resolve) => server.close(resolve));
        for (const feeds of openFeeds.values()) for (const feed of feeds) feed.end();
        server.closeIdleConnections();
        await closed;
        await events.close();
        await closeDb();
      },
    };
  } catch (error) {
    await waker?.close();
    await closeDb();
    throw error;
  }
}
