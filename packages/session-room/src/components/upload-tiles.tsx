import type { PhotoUploads } from '../upload/use-photo-uploads.ts';
import { UploadTile } from './upload-tile.tsx';

/** The photos chosen so far, each with its progress, remove and retry; and why some were not added. */
export function UploadTiles({
  uploads,
  label = 'Photos to send',
}: {
  uploads: PhotoUploads;
  label?: string;
}) {
  return (
    <>
      {uploads.tiles.length ? (
        <ul aria-label={label} className="flex flex-wrap gap-3 pt-2">
          {uploads.tiles.map((tile, index) => (
            <UploadTile
              key={tile.key}
              tile={tile}
              position={index + 1}
              onRemove={uploads.remove}
              onRetry={uploads.retry}
            />
          ))}
        </ul>
      ) : null}
      {uploads.notice ? (
        <p role="status" className="text-sm text-muted-foreground">
          {uploads.notice}
        </p>
      ) : null}
    </>
  );
}
