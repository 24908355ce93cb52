import { ROOM_LIMITS, type PhotoErrorCode } from '@autodoctor/session-core/rules';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createPhotoStorage } from '../photos/create-photo-storage.ts';
import {
  deleteUnsentPhoto,
  findVisiblePhotoKey,
  PhotoRuleError,
  precheckUpload,
  storePhoto,
  type PhotoVariant,
  type UploadTarget,
} from '../photos/photos.ts';
import { NotAnImageError, processPhoto, TooManyPixelsError } from '../photos/process-photo.ts';
import { BodyTooLargeError, discardBody, readCappedBody } from '../photos/read-capped-body.ts';
import { limitPhotoUploads } from '../rate-limit/limits.ts';
import { RateLimitedError } from '../rate-limit/rate-limiter.ts';
import type { ApiServices } from '../trpc/context.ts';
import { crossSiteRefusal } from './csrf.ts';

/** A photo's bytes never change under its URL (a new upload is a new photo). */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';
const MEBIBYTE = 1024 * 1024;
/** How much of a refused upload's body is read (and dropped) so that the connection ends cleanly. */
const UNWANTED_BODY_ALLOWANCE_BYTES = 2 * ROOM_LIMITS.photoMaxBytes;

const fail = (
  c: Context,
  status: ContentfulStatusCode,
  code: PhotoErrorCode,
  message: string,
  headers = {},
) => c.json({ code, message }, status, headers);

/** `?sessionId=<uuid>` (a room photo) or `?for=intake`, nothing else. */
function uploadTargetOf(query: Record<string, string>): UploadTarget | undefined {
  const { sessionId, for: purpose, ...rest } = query;
  if (Object.keys(rest).length > 0) return undefined;
  if (sessionId !== undefined && purpose === undefined) return { kind: 'room', sessionId };
  if (purpose === 'intake' && sessionId === undefined) return { kind: 'intake' };
  return undefined;
}

/** Whether the client's cached copy (If-None-Match) is the one served under `etag`. */
function clientHas(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/**
 * `/api/photos`: uploads to a session's room or an intake, the photos and
 * their thumbnails for those allowed to see them, and removing an unsent one
 * (see ROOM_CONTRACT and apps/api/README.md, "Photos"). Cookie-authenticated
 * like tRPC; the POST and DELETE refuse cross-site requests as its mutations do.
 * Errors are JSON `{ code, message }`; a refused request changes nothing.
 */
export function registerPhotoRoutes(app: Hono, services: ApiServices, allowedOrigins: ReadonlySet<string>) {
  const storage = createPhotoStorage(services.config, services.db);
  const deps = { db: services.db, storage };
  // The caller as the tRPC context reads them: the app's own cookies (x-autodoctor-app), else the default ones.
  const callerOf = (c: Context) =>
    services.authByApp.forRequest(c.req.raw.headers).sessions.userOf(c.req.raw.headers);

  /** The errors a photo request is refused with; anything else is the app's (500, or 503 for the database). */
  const refused = (c: Context, error: unknown): Response => {
    if (error instanceof PhotoRuleError) return fail(c, error.status, error.code, error.message);
    if (error instanceof BodyTooLargeError || error instanceof TooManyPixelsError) {
      const message =
        error instanceof TooManyPixelsError
          ? error.message
          : `A photo can be at most ${ROOM_LIMITS.photoMaxBytes / MEBIBYTE} MB`;
      return fail(c, 413, 'PHOTO_TOO_LARGE', message);
    }
    if (error instanceof NotAnImageError) return fail(c, 415, 'NOT_AN_IMAGE', error.message);
    if (error instanceof RateLimitedError) {
      return fail(c, 429, 'TOO_MANY_REQUESTS', error.message, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    throw error;
  };

  /**
   * The upload's answer. What was not read of the body is read and dropped first, up to
   * UNWANTED_BODY_ALLOWANCE_BYTES, so the connection ends cleanly and stays usable (behind nginx,
   * which passes at most 11 MB, always); a longer body is left unread and the connection closed
   * after the answer (`Connection: close`: the client opens a new one for its next request).
   */
  const answerUpload = async (c: Context, response: Response, bodyRead: boolean): Promise<Response> => {
    if (!bodyRead && !(await discardBody(c.req.raw, UNWANTED_BODY_ALLOWANCE_BYTES))) {
      response.headers.set('connection', 'close');
    }
    return response;
  };

  app.post('/api/photos', async (c) => {
    const refusal = crossSiteRefusal(c.req.raw.headers, allowedOrigins);
    if (refusal) return answerUpload(c, fail(c, 403, 'CROSS_SITE_REQUEST', refusal), false);
    const uploader = await callerOf(c);
    if (!uploader) return answerUpload(c, fail(c, 401, 'UNAUTHORIZED', 'Sign in first'), false);
    const target = uploadTargetOf(c.req.query());
    if (!target) {
      const message = 'Upload to ?sessionId=<session id> or ?for=intake';
      return answerUpload(c, fail(c, 400, 'INVALID_INPUT', message), false);
    }
    let bodyRead = false;
    try {
      await limitPhotoUploads(services, uploader.id);
      // Refused before the body is read, so a refused upload costs no decoding.
      await precheckUpload(services.db, uploader, target);
      const bytes = await readCappedBody(c.req.raw, ROOM_LIMITS.photoMaxBytes);
      bodyRead = true;
      const photo = await processPhoto(bytes);
      return c.json(await storePhoto(deps, uploader, target, photo), 201);
    } catch (error) {
      return answerUpload(c, refused(c, error), bodyRead);
    }
  });

  const servePhoto = async (c: Context, variant: PhotoVariant) => {
    const reader = await callerOf(c);
    if (!reader) return fail(c, 401, 'UNAUTHORIZED', 'Sign in first');
    const photoId = c.req.param('id')!;
    let key: string;
    try {
      key = await findVisiblePhotoKey(services.db, reader.id, photoId, variant);
    } catch (error) {
      return refused(c, error);
    }
    // The bytes under a key never change, so the key names the version.
    const etag = `"${photoId}-${variant}"`;
    const headers: Record<string, string> = {
      'cache-control': CACHE_CONTROL,
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (clientHas(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const stored = await storage.get(key);
    if (!stored) return fail(c, 404, 'NOT_FOUND', 'No such photo');
    return c.body(new Uint8Array(stored.bytes), 200, {
      ...headers,
      'content-type': stored.contentType,
      'content-length': String(stored.bytes.length),
    });
  };
  app.get('/api/photos/:id', (c) => servePhoto(c, 'full'));
  app.get('/api/photos/:id/thumbnail', (c) => servePhoto(c, 'thumbnail'));

  app.delete('/api/photos/:id', async (c) => {
    const refusal = crossSiteRefusal(c.req.raw.headers, allowedOrigins);
    if (refusal) return fail(c, 403, 'CROSS_SITE_REQUEST', refusal);
    const uploader = await callerOf(c);
    if (!uploader) return fail(c, 401, 'UNAUTHORIZED', 'Sign in first');
    try {
      await deleteUnsentPhoto(deps, uploader.id, c.req.param('id'));
    } catch (error) {
      return refused(c, error);
    }
    return c.body(null, 204);
  });
}

/** The `procedure` label of a photo request (a fixed set, never the id from the URL). */
export function photoProcedureOf(method: string, path: string): string {
  if (path === '/api/photos' && method === 'POST') return 'photos:upload';
  if (/^\/api\/photos\/[^/]+$/.test(path)) {
    if (method === 'GET' || method === 'HEAD') return 'photos:full';
    if (method === 'DELETE') return 'photos:delete';
  }
  if (/^\/api\/photos\/[^/]+\/thumbnail$/.test(path) && (method === 'GET' || method === 'HEAD')) {
    return 'photos:thumbnail';
  }
  return 'photos:other';
}
