import { photoBlobs, type Database } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import type { PhotoStorage, StoredObject } from './photo-storage.ts';

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
