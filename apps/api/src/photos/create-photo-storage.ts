import type { Database } from '@autodoctor/db';
import type { ApiConfig } from '../config.ts';
import type { PhotoStorage } from './photo-storage.ts';
import type { S3Settings } from './s3-photo-storage.ts';
import { PostgresPhotoStorage } from './postgres-photo-storage.ts';

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
export function createPhotoStorage(
  config: Pick<ApiConfig, 'PHOTO_STORAGE'> & S3Settings,
  db: Database,
): PhotoStorage {
  switch (config.PHOTO_STORAGE) {
    case 'postgres':
      return new PostgresPhotoStorage(db);
    case 's3':
      return loadedOnDemand(async () =>
        (await import('./s3-photo-storage.ts')).S3PhotoStorage.fromConfig(config),
      );
  }
}
