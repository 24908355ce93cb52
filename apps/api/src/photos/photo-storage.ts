import { photoBlobs, type Database } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import type { ApiConfig } from '../config.ts';

/** Bytes kept under a key, with the Content-Type to serve them with. */
export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

/**
 * Where the bytes of photos live. Small on purpose, so that another store (an
 * S3-compatible bucket …) is one class: `room_photos` rows name the keys, and
 * everything else (who may see what, limits, metadata stripping) happens before
 * and after it.
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

/** The store `PHOTO_STORAGE` names (see apps/api/README.md, "Photos"). */
export function createPhotoStorage(config: Pick<ApiConfig, 'PHOTO_STORAGE'>, db: Database): PhotoStorage {
  switch (config.PHOTO_STORAGE) {
    case 'postgres':
      return new PostgresPhotoStorage(db);
  }
}
