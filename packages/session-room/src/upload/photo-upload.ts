import { isPhotoErrorCode, ROOM_LIMITS, type PhotoErrorCode } from '@autodoctor/session-core/rules';
import type { PhotoRef } from '../model/room-entry.ts';

/**
 * Uploads one photo to `POST /api/photos` with XMLHttpRequest: fetch cannot
 * report an upload's progress, and a 10 MB photo on a phone's connection takes
 * long enough that people need to see it move.
 */

/** Where a photo goes: a session's room, or the customer's intake draft (no session yet). */
export type PhotoUploadTarget = { sessionId: string } | { intake: true };

/** The API's photo error codes, and the ones this client adds (no answer, or the API's own failure). */
export type PhotoUploadErrorCode = PhotoErrorCode | 'SERVER_ERROR' | 'NETWORK' | 'ABORTED';

/** Codes after which trying the same file again may work. */
const RETRYABLE = new Set<PhotoUploadErrorCode>([
  'SERVER_ERROR',
  'NETWORK',
  'TOO_MANY_PHOTOS',
  'TOO_MANY_REQUESTS',
]);

export class PhotoUploadError extends Error {
  override readonly name = 'PhotoUploadError';
  constructor(
    readonly code: PhotoUploadErrorCode,
    message: string,
    /** The HTTP status, null when no answer came. */
    readonly status: number | null = null,
  ) {
    super(message);
  }

  /** Whether a retry of the same file can succeed (a file that is too large stays too large). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

const MAX_MEGABYTES = ROOM_LIMITS.photoMaxBytes / (1024 * 1024);

/** What people read when the API's answer says nothing better. */
const FALLBACK_MESSAGE: Record<PhotoUploadErrorCode, string> = {
  INVALID_INPUT: 'This photo could not be uploaded.',
  UNAUTHORIZED: 'Your sign-in has expired. Sign in again to upload photos.',
  CROSS_SITE_REQUEST: 'This page cannot upload photos to AutoDoctor. Reload it and try again.',
  FORBIDDEN: 'You cannot add photos here.',
  NOT_FOUND: 'This session was not found.',
  ROOM_CLOSED: 'The session is over: no more photos can be added.',
  PHOTO_ALREADY_SENT: 'This photo was sent already.',
  PHOTO_TOO_LARGE: `This photo is larger than ${MAX_MEGABYTES} MB.`,
  NOT_AN_IMAGE: 'This file is not a JPEG, PNG or WebP image.',
  TOO_MANY_PHOTOS: 'Too many photos are waiting to be sent. Send or remove some first.',
  TOO_MANY_REQUESTS: 'Too many photos in a short time. Wait a moment and try again.',
  SERVER_ERROR: 'AutoDoctor could not store the photo. Try again.',
  NETWORK: 'The upload was interrupted. Check your connection and try again.',
  ABORTED: 'The upload was cancelled.',
};

const CODE_BY_STATUS: Record<number, PhotoUploadErrorCode> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'ROOM_CLOSED',
  413: 'PHOTO_TOO_LARGE',
  415: 'NOT_AN_IMAGE',
  429: 'TOO_MANY_PHOTOS',
};

/** The typed error of a failed answer, from its JSON `{ code, message }` when it has one. */
export function photoUploadErrorFrom(status: number, responseText: string): PhotoUploadError {
  let body: { code?: unknown; message?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(responseText);
    if (parsed && typeof parsed === 'object') body = parsed;
  } catch {
    // Not JSON (a proxy's HTML page, say): the status decides.
  }
  const byStatus =
    CODE_BY_STATUS[status] ?? (status >= 500 || status === 0 ? 'SERVER_ERROR' : 'INVALID_INPUT');
  const code = isPhotoErrorCode(body.code) ? body.code : byStatus;
  const message =
    typeof body.message === 'string' && body.message.trim() ? body.message : FALLBACK_MESSAGE[code];
  return new PhotoUploadError(code, message, status);
}

export function photoUploadUrl(target: PhotoUploadTarget): string {
  return 'sessionId' in target
    ? `/api/photos?sessionId=${encodeURIComponent(target.sessionId)}`
    : '/api/photos?for=intake';
}

/** A check before sending any byte: a file over the limit is refused at once. */
export function photoFileProblem(file: Blob): PhotoUploadError | null {
  if (file.size > ROOM_LIMITS.photoMaxBytes) {
    return new PhotoUploadError('PHOTO_TOO_LARGE', FALLBACK_MESSAGE.PHOTO_TOO_LARGE);
  }
  if (file.size === 0) return new PhotoUploadError('NOT_AN_IMAGE', 'This file is empty.');
  return null;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface PhotoUpload {
  /** The stored photo, or a PhotoUploadError. */
  result: Promise<PhotoRef>;
  /** Stops the upload; `result` rejects with code ABORTED. */
  abort: () => void;
}

export function uploadPhoto(
  file: Blob,
  target: PhotoUploadTarget,
  onProgress?: (progress: UploadProgress) => void,
): PhotoUpload {
  const problem = photoFileProblem(file);
  if (problem) return { result: Promise.reject(problem), abort: () => undefined };

  const request = new XMLHttpRequest();
  const result = new Promise<PhotoRef>((resolve, reject) => {
    request.open('POST', photoUploadUrl(target));
    // The server sniffs the content; the header only saves it a guess.
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    });
    request.addEventListener('load', () => {
      if (request.status === 201 || request.status === 200) {
        try {
          resolve(JSON.parse(request.responseText) as PhotoRef);
        } catch {
          reject(new PhotoUploadError('SERVER_ERROR', FALLBACK_MESSAGE.SERVER_ERROR, request.status));
        }
      } else {
        reject(photoUploadErrorFrom(request.status, request.responseText));
      }
    });
    request.addEventListener('error', () =>
      reject(new PhotoUploadError('NETWORK', FALLBACK_MESSAGE.NETWORK)),
    );
    request.addEventListener('abort', () =>
      reject(new PhotoUploadError('ABORTED', FALLBACK_MESSAGE.ABORTED)),
    );
    request.send(file);
  });
  return { result, abort: () => request.abort() };
}

/**
 * Removes a photo that was uploaded but not sent, so it stops counting against
 * ROOM_LIMITS.unsentPhotosMax. Best effort: a photo left behind is never shown
 * to anyone and only counts until it is cleaned up.
 */
export async function deleteUnsentPhoto(photoId: string): Promise<void> {
  await fetch(`/api/photos/${encodeURIComponent(photoId)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
  }).catch(() => undefined);
}
