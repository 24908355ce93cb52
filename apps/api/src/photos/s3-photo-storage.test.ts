import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { useS3Server } from '../testing/s3-server.ts';
import { createPhotoStorage } from './create-photo-storage.ts';
import { S3PhotoStorage, type S3Settings } from './s3-photo-storage.ts';

// A real S3 protocol server (s3rver) on 127.0.0.1, files in a temporary directory.
const s3 = useS3Server('photos-contract');

/** The API's settings with `PHOTO_STORAGE=s3` against the test server, as config.ts makes them. */
const config = (env: Record<string, string | undefined> = {}) =>
  loadConfig({
    DATABASE_URL: 'postgres://u:p@localhost:5432/unused',
    BETTER_AUTH_SECRET: 'x'.repeat(32),
    STRIPE_EMULATOR_URL: 'http://127.0.0.1:1',
    ...s3().env,
    ...env,
  });
const settings = (env: Record<string, string | undefined> = {}): S3Settings => config(env);

const storage = () => S3PhotoStorage.fromConfig(settings());
const key = () => `photos/${randomUUID()}/full`;
const bytesOf = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) % 256));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('S3PhotoStorage (PHOTO_STORAGE=s3) against a local S3 server', () => {
  it('puts, gets and deletes: the same bytes back, then nothing', async () => {
    const store = storage();
    const k = key();
    // Every byte value, and more than one network chunk.
    const bytes = Buffer.concat([bytesOf(256), bytesOf(300_000)]);
    await store.put(k, bytes, 'image/jpeg');

    const got = await store.get(k);
    expect(got?.contentType).toBe('image/jpeg');
    expect(got?.bytes.equals(bytes)).toBe(true);

    await store.delete(k);
    expect(await store.get(k)).toBeUndefined();
    const listed = await s3().client.send(new ListObjectsV2Command({ Bucket: s3().bucket, Prefix: k }));
    expect(listed.KeyCount).toBe(0);
  });

  it('gets undefined for a key it does not have', async () => {
    expect(await storage().get(key())).toBeUndefined();
  });

  it('stores the Content-Type with the object (seen by any S3 client)', async () => {
    const store = storage();
    const full = key();
    const thumbnail = full.replace(/full$/, 'thumbnail');
    await store.put(full, bytesOf(10), 'image/png');
    await store.put(thumbnail, bytesOf(20), 'image/webp');

    expect((await store.get(full))?.contentType).toBe('image/png');
    expect((await store.get(thumbnail))?.contentType).toBe('image/webp');
    const head = await s3().client.send(new HeadObjectCommand({ Bucket: s3().bucket, Key: thumbnail }));
    expect(head).toMatchObject({ ContentType: 'image/webp', ContentLength: 20 });
    const object = await s3().client.send(new GetObjectCommand({ Bucket: s3().bucket, Key: full }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytesOf(10))).toBe(true);
  });

  it('deletes idempotently: a missing key, or the same key twice, is not an error', async () => {
    const store = storage();
    await expect(store.delete(key())).resolves.toBeUndefined();
    const k = key();
    await store.put(k, bytesOf(5), 'image/webp');
    await store.delete(k);
    await expect(store.delete(k)).resolves.toBeUndefined();
  });

  it('is what createPhotoStorage makes for PHOTO_STORAGE=s3', async () => {
    // The S3 store never touches the database.
    const store = createPhotoStorage(config(), undefined as never);
    const k = key();
    await store.put(k, bytesOf(8), 'image/jpeg');
    expect(await store.get(k)).toEqual({ bytes: bytesOf(8), contentType: 'image/jpeg' });
    await store.delete(k);
    expect(await store.get(k)).toBeUndefined();
  });

  it("without S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, takes the AWS SDK's own credentials (AWS_* variables)", async () => {
    const withoutKeys = settings({ S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined });
    expect(withoutKeys.S3_ACCESS_KEY_ID).toBeUndefined();

    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    const k = key();
    await S3PhotoStorage.fromConfig(withoutKeys).put(k, bytesOf(3), 'image/png');
    expect((await storage().get(k))?.contentType).toBe('image/png');

    // An account the server does not have is refused: the credentials really are sent and checked.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'NOT-AN-ACCOUNT');
    await expect(S3PhotoStorage.fromConfig(withoutKeys).put(key(), bytesOf(3), 'image/png')).rejects.toThrow(
      /Access Key Id you provided does not exist/,
    );
  });

  it('fails loudly for a bucket that does not exist, rather than losing the photo', async () => {
    const store = S3PhotoStorage.fromConfig(settings({ S3_BUCKET: 'no-such-bucket' }));
    await expect(store.put(key(), bytesOf(3), 'image/png')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('gives up on a store that takes the connection but never answers (no request held for good)', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const store = S3PhotoStorage.fromConfig(settings({ S3_ENDPOINT: `http://127.0.0.1:${port}` }), {
        connectionMs: 500,
        requestMs: 300,
      });
      const started = Date.now();
      await expect(store.get(key())).rejects.toMatchObject({ name: 'TimeoutError' });
      // Three attempts of 300 ms and the SDK's short back-off between them.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});
