import { Dialog, DialogContent, DialogTrigger } from '@autodoctor/ui/dialog';
import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import type { PhotoRef } from '../model/room-entry.ts';

/** The thumbnail's box: the photo's shape, at most this many CSS pixels on its longer edge. */
const THUMBNAIL_EDGE = 160;

function thumbnailSize(photo: PhotoRef): { width: number; height: number } {
  const scale =
    Math.min(THUMBNAIL_EDGE, ROOM_LIMITS.thumbnailEdgePx) / Math.max(photo.width, photo.height, 1);
  return { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) };
}

/**
 * A photo in the conversation: its thumbnail, a button that opens it full size
 * in a dialog (Escape or Close brings focus back here).
 */
export function PhotoThumbnail({ photo, label }: { photo: PhotoRef; label: string }) {
  const size = thumbnailSize(photo);
  return (
    <Dialog>
      <DialogTrigger
        className="overflow-hidden rounded-md border bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        aria-label={`${label}: open full size`}
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
      </DialogTrigger>
      {/* sm:max-w-…: wider than the dialog's max-w-lg from the first breakpoint on (cn does not merge). */}
      <DialogContent title={label} className="sm:max-w-3xl">
        <img
          src={photo.url}
          alt={label}
          width={photo.width}
          height={photo.height}
          className="mx-auto h-auto max-h-[75vh] w-auto max-w-full rounded-md object-contain"
        />
      </DialogContent>
    </Dialog>
  );
}
