import { photoBlobs, type Database } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import type { ApiConfig } from '../config.ts';

/** Bytes kept under a key, with the Content-Type to serve them with. */
export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

/**
 * Where the bytes of photos live: PostgreSQL (below) or an S3 bucket
 * (`s3-photo-storage.ts`). Small on purpose, so that a store is one class:
 * `room_photos` rows name the keys, and everything else (who may see what,
 * limits, metadata stripping) happens before and after it.
 *
 * - Keys are made by the API (`photos/<photo id>/full`, `…/thumbnail`) and never
 *   reused: `put` is called once per key, so a store may refuse an existing one.
 * - `put` resolves only once the bytes are durable (a later `get` from any API
 *   instance finds them).
 * - `get` resolves undefined for a key it does not have; `delete` of such a key
 *   is not an error (deletes are retried, and may follow a failed `put`).
 */
export interface PhotoStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | undefined>;
  delete(key: string): Promise<void>;
}

/**
 * The default store: the `photo_blobs` table of the API's own database, so a
 * setup with only PostgreSQL (the embedded one of `pnpm dev` included) needs
 * nothing more, and backups have the photos with the conversations.
 */
export class PostgresPhotoStorage implements PhotoStorage {
  constructor(private readonly db: Database) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.db.insert(photoBlobs).values({ key, contentType, data: bytes });
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const [row] = await this.db
      .select({ bytes: photoBlobs.data, contentType: photoBlobs.contentType })
      .from(photoBlobs)
      .where(eq(photoBlobs.key, key));
    return row;
  }

  async delete(key: string): Promise<void> {
    await this.db.delete(photoBlobs).where(eq(photoBlobs.key, key));
  }
}

/**
 * The store `load` makes, loaded in the background from the start and awaited
 * by each call: so the AWS SDK is loaded only by an API that stores photos in
 * S3. A failed load fails each call.
 */
function loadedOnDemand(load: () => Promise<PhotoStorage>): PhotoStorage {
  const loading = load();
  // Reported by the calls that need it; not an unhandled rejection meanwhile.
  loading.catch(() => undefined);
  return {
    put: async (key, bytes, contentType) => (await loading).put(key, bytes, contentType),
    get: async (key) => (await loading).get(key),
    delete: async (key) => (await loading).delete(key),
  };
}

/** The store `PHOTO_STORAGE` names (see apps/api/README.md, "Photos"). */
export function createPhotoStorage(config: ApiConfig, db: Database): PhotoStorage {
  switch (config.PHOTO_STORAGE) {
    case 'postgres':
      return new PostgresPhotoStorage(db);
    case 's3':
      return loadedOnDemand(async () =>
        (await import('./s3-photo-storage.ts')).S3PhotoStorage.fromConfig(config),
      );
  }
}
