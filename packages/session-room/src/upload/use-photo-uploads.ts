import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PhotoRef } from '../model/room-entry.ts';
import {
  deleteUnsentPhoto,
  PhotoUploadError,
  uploadPhoto,
  type PhotoUpload,
  type PhotoUploadTarget,
} from './photo-upload.ts';

/** One photo chosen for the next message: uploading, uploaded, or failed. */
export interface UploadTile {
  key: string;
  fileName: string;
  state: 'uploading' | 'uploaded' | 'failed';
  /** 0 to 1. */
  progress: number;
  photo: PhotoRef | null;
  error: PhotoUploadError | null;
}

/** The photos of the message being written, as the composer shows and sends them. */
export interface PhotoUploads {
  tiles: UploadTile[];
  /** Starts uploading these files; more than the limit are refused (see `notice`). */
  add: (files: File[]) => void;
  /** Stops the upload or deletes the unsent photo. */
  remove: (key: string) => void;
  /** Uploads a failed file again. */
  retry: (key: string) => void;
  /** The uploaded photos, handed to the message being sent; the tiles are cleared. */
  take: () => PhotoRef[];
  /** The photos uploaded so far, in the tiles' order. */
  photos: PhotoRef[];
  /** True while any upload runs: the message waits for it. */
  busy: boolean;
  /** True when an upload failed: it is retried or removed before the message goes (never dropped unseen). */
  hasFailed: boolean;
  /** Why some of the chosen files were not added (the per-message limit). */
  notice: string | null;
}

export interface PhotoUploadsOptions {
  /** How many photos go together (ROOM_LIMITS.photosPerMessage unless said). */
  max?: number;
  /** Photos uploaded before (a draft kept across a reload), shown as uploaded; read once. */
  initial?: () => PhotoRef[];
}

/**
 * The uploads of the message being written. Each file starts uploading as soon
 * as it is chosen (XHR, with progress), so sending the message itself is quick.
 */
export function usePhotoUploads(
  target: PhotoUploadTarget,
  { max = ROOM_LIMITS.photosPerMessage, initial }: PhotoUploadsOptions = {},
): PhotoUploads {
  const [tiles, setTiles] = useState<UploadTile[]>(() =>
    (initial?.() ?? []).map((photo) => ({
      key: photo.id,
      fileName: 'Photo',
      state: 'uploaded',
      progress: 1,
      photo,
      error: null,
    })),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const files = useRef(new Map<string, File>());
  const running = useRef(new Map<string, PhotoUpload>());
  const targetRef = useRef(target);
  targetRef.current = target;
  // The latest tiles, for callbacks that must not go stale between renders.
  const tilesRef = useRef(tiles);
  tilesRef.current = tiles;

  const update = useCallback((key: string, change: Partial<UploadTile>) => {
    setTiles((current) => current.map((tile) => (tile.key === key ? { ...tile, ...change } : tile)));
  }, []);

  const start = useCallback(
    (key: string) => {
      const file = files.current.get(key);
      if (!file) return;
      update(key, { state: 'uploading', progress: 0, error: null });
      const upload = uploadPhoto(file, targetRef.current, ({ loaded, total }) =>
        update(key, { progress: total ? loaded / total : 0 }),
      );
      running.current.set(key, upload);
      upload.result.then(
        (photo) => {
          running.current.delete(key);
          update(key, { state: 'uploaded', progress: 1, photo });
        },
        (error: unknown) => {
          running.current.delete(key);
          if (error instanceof PhotoUploadError && error.code === 'ABORTED') return; // removed on purpose
          const failure =
            error instanceof PhotoUploadError
              ? error
              : new PhotoUploadError('NETWORK', 'The upload failed. Try again.');
          update(key, { state: 'failed', error: failure });
        },
      );
    },
    [update],
  );

  const add = useCallback(
    (chosen: File[]) => {
      const room = max - tilesRef.current.length;
      const accepted = chosen.slice(0, Math.max(0, room));
      setNotice(
        accepted.length < chosen.length
          ? `Up to ${max} photos go together: ${chosen.length - accepted.length} not added.`
          : null,
      );
      const added = accepted.map((file): UploadTile => {
        const key = crypto.randomUUID();
        files.current.set(key, file);
        return { key, fileName: file.name, state: 'uploading', progress: 0, photo: null, error: null };
      });
      setTiles((current) => [...current, ...added]);
      for (const tile of added) start(tile.key);
    },
    [max, start],
  );

  const remove = useCallback((key: string) => {
    running.current.get(key)?.abort();
    running.current.delete(key);
    files.current.delete(key);
    const tile = tilesRef.current.find((candidate) => candidate.key === key);
    if (tile?.photo) void deleteUnsentPhoto(tile.photo.id);
    setTiles((current) => current.filter((candidate) => candidate.key !== key));
    setNotice(null);
  }, []);

  const take = useCallback(() => {
    const photos = tilesRef.current.flatMap((tile) => (tile.photo ? [tile.photo] : []));
    files.current.clear();
    setTiles([]);
    setNotice(null);
    return photos;
  }, []);

  // Leaving the room stops uploads still running (their files are gone with the page).
  useEffect(() => {
    const uploads = running.current;
    return () => uploads.forEach((upload) => upload.abort());
  }, []);

  return {
    tiles,
    add,
    remove,
    retry: start,
    take,
    photos: tiles.flatMap((tile) => (tile.photo ? [tile.photo] : [])),
    busy: tiles.some((tile) => tile.state === 'uploading'),
    hasFailed: tiles.some((tile) => tile.state === 'failed'),
    notice,
  };
}
