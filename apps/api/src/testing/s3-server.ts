import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import type { ApiConfigInput } from '../config.ts';

/** s3rver's one account (its access key id is checked; SigV4 signatures are not). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

/** A local S3 server (s3rver, files in a temporary directory) with one empty bucket. */
export interface TestS3 {
  /** e.g. http://127.0.0.1:43121 */
  endpoint: string;
  bucket: string;
  /** The API settings that store photos in this bucket. */
  env: Partial<Record<keyof ApiConfigInput, string>>;
  /** A client of its own, to look at the bucket from the side. */
  client: S3Client;
  close: () => Promise<void>;
}

/** Starts s3rver on 127.0.0.1 (any free port) and creates `bucket` in it through the S3 API. */
export async function startS3Server(bucket = 'photos'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'autodoctor-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  try {
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const env = {
      PHOTO_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'on',
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    };
    const client = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
      endpoint,
      bucket,
      env,
      client,
      close: async () => {
        client.destroy();
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close().catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/**
 * For a test file: an S3 server started before the first test (before a
 * `useTestApi` called after this one starts its API) and stopped after the last.
 */
export function useS3Server(bucket?: string): () => TestS3 {
  let current: TestS3 | undefined;
  beforeAll(async () => {
    current = await startS3Server(bucket);
  });
  afterAll(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('useS3Server(): the S3 server runs only inside tests and hooks');
    return current;
  };
}
