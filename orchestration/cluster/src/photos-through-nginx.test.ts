import type { PhotoRef } from '@autodoctor/session-core';
import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { expect, it } from 'vitest';
import { phoneJpeg } from '@autodoctor/api/testing/images';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';

const t = useTestCluster({}, { instances: 2 });

describeWithNginx('photos through nginx (deploy/nginx)', () => {
  it('passes an upload of up to 10 MB to the API and answers a larger one itself, as JSON', async () => {
    const customer = await t.customer();
    const upload = (body: Buffer) =>
      fetch(`${t.cluster.url}/api/photos?for=intake`, {
        method: 'POST',
        headers: { cookie: customer.cookie, 'content-type': 'image/jpeg' },
        body,
      });

    // Just under the API's limit (a real JPEG, padded after its end marker): nginx lets it through.
    const jpeg = await phoneJpeg(1200, 900);
    const atLimit = Buffer.concat([jpeg, Buffer.alloc(ROOM_LIMITS.photoMaxBytes - jpeg.length)]);
    const accepted = await upload(atLimit);
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    const photo = (await accepted.json()) as PhotoRef;
    const thumbnail = await fetch(`${t.cluster.url}${photo.thumbnailUrl}`, {
      headers: { cookie: customer.cookie },
    });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    // Over the API's limit: the API's answer. Far over: nginx's, in the same shape.
    const overApi = await upload(Buffer.concat([atLimit, Buffer.alloc(1)]));
    expect(overApi.status).toBe(413);
    expect(await overApi.json()).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    const overNginx = await upload(Buffer.alloc(12 * 1024 * 1024));
    expect(overNginx.status).toBe(413);
    expect(await overNginx.json()).toEqual({
      code: 'PHOTO_TOO_LARGE',
      message: 'A photo can be at most 10 MB',
    });
  });
});
