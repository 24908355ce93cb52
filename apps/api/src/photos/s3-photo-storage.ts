import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ApiConfig } from '../config.ts';
import type { PhotoStorage, StoredObject } from './photo-storage.ts';

/** The settings of `PHOTO_STORAGE=s3` (see config.ts). */
export type S3Settings = Pick<
  ApiConfig,
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ENDPOINT'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
>;

/** How long one attempt may take (the SDK makes up to 3); tests shorten them. */
export interface S3Timeouts {
  /** To connect (TCP and TLS). */
  connectionMs: number;
  /** From sending the request to the end of the answer. */
  requestMs: number;
}

const TIMEOUTS: S3Timeouts = { connectionMs: 5_000, requestMs: 30_000 };

/** The S3 client the settings describe (`S3_BUCKET` aside). */
export function createS3Client(settings: S3Settings, timeouts: S3Timeouts = TIMEOUTS): S3Client {
  return new S3Client({
    region: settings.S3_REGION,
    ...(settings.S3_ENDPOINT ? { endpoint: settings.S3_ENDPOINT } : {}),
    forcePathStyle: settings.S3_FORCE_PATH_STYLE === 'on',
    // Neither set: the SDK's own chain (AWS_* variables, shared config files, web identity, instance roles…).
    ...(settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: settings.S3_ACCESS_KEY_ID,
            secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
          },
        }
      : {}),
    // The SDK's default CRC checksums (headers and trailers added to every PutObject) are refused
    // by several S3-compatible stores; AWS S3 itself keeps them.
    ...(settings.S3_ENDPOINT
      ? ({
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        } as const)
      : {}),
    // A store that does not answer fails the request (500) rather than holding it for good: without
    // throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes, and waits on.
    requestHandler: {
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    },
  });
}

/** A missing key: GetObject's modelled NoSuchKey, or the same code from another operation. */
const isNoSuchKey = (error: unknown) => error instanceof S3ServiceException && error.name === 'NoSuchKey';

/**
 * Photos' bytes as objects of one bucket, on AWS S3 or an S3-compatible store
 * (MinIO, Cloudflare R2, Garage, Ceph…): the key is the object's key and the
 * Content-Type is stored with it. The bucket stays private: photos are served
 * only through `GET /api/photos/:id`, which checks the reader every time.
 */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromConfig(settings: S3Settings, timeouts?: S3Timeouts): S3PhotoStorage {
    if (!settings.S3_BUCKET) throw new Error('PHOTO_STORAGE=s3 needs S3_BUCKET');
    return new S3PhotoStorage(createS3Client(settings, timeouts), settings.S3_BUCKET);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    // Resolves on the store's 200: S3 (and the compatible stores) answer once the object is stored.
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!object.Body) throw new Error(`S3 GetObject of ${key} returned no body`);
      return {
        bytes: Buffer.from(await object.Body.transformToByteArray()),
        contentType: object.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      // AWS S3 says NoSuchKey only to a caller that may list the bucket (s3:ListBucket), else 403.
      if (isNoSuchKey(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      // S3 answers 204 for a key it does not have; some compatible stores say NoSuchKey instead.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNoSuchKey(error)) return;
      throw error;
    }
  }
}
