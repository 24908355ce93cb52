import { PHOTO_ERROR_CODES, ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { describe, expect, it } from 'vitest';
import { photoFileProblem, photoUploadErrorFrom, photoUploadUrl, uploadPhoto } from './photo-upload.ts';

describe('photoUploadErrorFrom', () => {
  it("takes the API's code and message", () => {
    const error = photoUploadErrorFrom(
      415,
      JSON.stringify({ code: 'NOT_AN_IMAGE', message: 'holiday.jpg is not an image' }),
    );
    expect(error).toMatchObject({
      code: 'NOT_AN_IMAGE',
      message: 'holiday.jpg is not an image',
      status: 415,
    });
    expect(error.retryable).toBe(false);
  });

  it('falls back on the status when the answer is not JSON (a proxy page)', () => {
    expect(photoUploadErrorFrom(413, '<html>Request Entity Too Large</html>')).toMatchObject({
      code: 'PHOTO_TOO_LARGE',
      message: `This photo is larger than ${ROOM_LIMITS.photoMaxBytes / 1024 / 1024} MB.`,
    });
    const gateway = photoUploadErrorFrom(502, 'Bad Gateway');
    expect(gateway.code).toBe('SERVER_ERROR');
    expect(gateway.retryable).toBe(true);
  });

  it('ignores a code it does not know and keeps the message', () => {
    expect(
      photoUploadErrorFrom(409, JSON.stringify({ code: 'SOMETHING_NEW', message: 'Closed' })),
    ).toMatchObject({ code: 'ROOM_CLOSED', message: 'Closed' });
  });

  it('lets the unsent-photo limit be retried (after removing some)', () => {
    expect(photoUploadErrorFrom(429, '{"code":"TOO_MANY_PHOTOS","message":"x"}').retryable).toBe(true);
  });
});

describe('before uploading', () => {
  it('refuses a file over the limit without sending a byte', async () => {
    const big = new Blob([new Uint8Array(ROOM_LIMITS.photoMaxBytes + 1)], { type: 'image/jpeg' });
    expect(photoFileProblem(big)?.code).toBe('PHOTO_TOO_LARGE');
    await expect(uploadPhoto(big, { intake: true }).result).rejects.toMatchObject({
      code: 'PHOTO_TOO_LARGE',
    });
    expect(photoFileProblem(new Blob([]))?.code).toBe('NOT_AN_IMAGE');
    expect(photoFileProblem(new Blob([new Uint8Array(10)]))).toBeNull();
  });

  it('posts to the room or to the intake draft', () => {
    expect(photoUploadUrl({ sessionId: 'a b' })).toBe('/api/photos?sessionId=a%20b');
    expect(photoUploadUrl({ intake: true })).toBe('/api/photos?for=intake');
  });
});

describe('codes the API adds', () => {
  it("keeps every code of the API's one list (PHOTO_ERROR_CODES), each with a message of its own", () => {
    for (const code of PHOTO_ERROR_CODES) {
      const error = photoUploadErrorFrom(400, JSON.stringify({ code }));
      expect(error.code).toBe(code);
      expect(error.message).not.toBe('');
    }
    expect(
      photoUploadErrorFrom(
        403,
        JSON.stringify({ code: 'CROSS_SITE_REQUEST', message: 'Cross-site request refused' }),
      ),
    ).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: 'Cross-site request refused' });
  });

  it('lets a rate-limited upload be retried later', () => {
    const error = photoUploadErrorFrom(
      429,
      JSON.stringify({ code: 'TOO_MANY_REQUESTS', message: 'Too many photos uploaded' }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.retryable).toBe(true);
  });
});
