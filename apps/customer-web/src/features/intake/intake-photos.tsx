import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { AttachPhotosButton } from '@autodoctor/session-room/attach-photos-button';
import { UploadTiles } from '@autodoctor/session-room/upload-tiles';
import type { usePhotoUploads } from '@autodoctor/session-room/upload/use-photo-uploads';

interface IntakePhotosProps {
  uploads: ReturnType<typeof usePhotoUploads>;
  /** Why the session cannot start yet (a photo uploading or failed), once the customer tried. */
  problem: string | null;
}

/** The optional photos for the mechanic: the tiles, the add button while there is room, the problem. */
export function IntakePhotos({ uploads, problem }: IntakePhotosProps) {
  return (
    <section aria-labelledby="intake-photos-heading" className="grid gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="intake-photos-heading" className="text-sm font-medium">
          Photos
        </h2>
        <span className="text-xs text-muted-foreground">optional</span>
      </div>
      <p className="text-sm text-muted-foreground">
        Up to {ROOM_LIMITS.intakePhotosMax}: the part, a warning light, a leak. JPEG, PNG or WebP, up to{' '}
        {ROOM_LIMITS.photoMaxBytes / (1024 * 1024)} MB each; location data is removed.
      </p>
      <UploadTiles uploads={uploads} label="Photos for the mechanic" />
      {uploads.tiles.length < ROOM_LIMITS.intakePhotosMax ? (
        <div>
          <AttachPhotosButton onFiles={uploads.add}>Add photos</AttachPhotosButton>
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
