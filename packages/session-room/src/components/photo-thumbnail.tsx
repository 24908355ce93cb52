import { lazy, Suspense, useRef, useState } from 'react';
import type { PhotoRef } from '../model/room-entry.ts';

// The dialog's code (radix Dialog, its focus and scroll locks) loads when a photo is about to open:
// a session page shows thumbnails long before anyone opens one.
const loadDialog = () => import('./photo-dialog.tsx');
const PhotoDialog = lazy(loadDialog);

/**
 * The thumbnail's box: the photo's shape, at most this many CSS pixels on its longer edge
 * (thumbnails are stored at ROOM_LIMITS.thumbnailEdgePx, 320 px: sharp on 2× screens too).
 */
const THUMBNAIL_EDGE = 160;

function thumbnailSize(photo: PhotoRef): { width: number; height: number } {
  const scale = THUMBNAIL_EDGE / Math.max(photo.width, photo.height, 1);
  return { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) };
}

/**
 * A photo in the conversation or with a request: its thumbnail, a button that
 * opens it full size in a dialog (Escape or Close brings focus back here).
 */
export function PhotoThumbnail({ photo, label }: { photo: PhotoRef; label: string }) {
  const size = thumbnailSize(photo);
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        aria-label={`${label}: open full size`}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
        className="block overflow-hidden rounded-md border bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <img
          src={photo.thumbnailUrl}
          alt=""
          width={size.width}
          height={size.height}
          loading="lazy"
          decoding="async"
          className="block object-cover"
        />
      </button>
      {mounted ? (
        <Suspense fallback={null}>
          <PhotoDialog
            photo={photo}
            label={label}
            open={open}
            onOpenChange={setOpen}
            returnFocusTo={trigger}
          />
        </Suspense>
      ) : null}
    </>
  );
}
