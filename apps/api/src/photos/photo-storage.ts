/** Bytes kept under a key, with the Content-Type to serve them with. */
export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

/**
 * Where the bytes of photos live: PostgreSQL (`postgres-photo-storage.ts`) or an
 * S3 bucket (`s3-photo-storage.ts`), as `create-photo-storage.ts` chooses. Small on purpose, so that a store is one class:
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
