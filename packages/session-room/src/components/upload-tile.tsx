import { Button } from '@autodoctor/ui/button';
import { AlertCircle, ImageIcon, RotateCw, X } from 'lucide-react';
import type { UploadTile as UploadTileState } from '../upload/use-photo-uploads.ts';

export interface UploadTileProps {
  tile: UploadTileState;
  /** Its place among the tiles, to tell them apart by name ("photo 2"). */
  position: number;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}

/** A photo chosen for the next message: its upload's progress, then its thumbnail; remove, or retry a failure. */
export function UploadTile({ tile, position, onRemove, onRetry }: UploadTileProps) {
  const name = `photo ${position} (${tile.fileName})`;
  const percent = Math.round(tile.progress * 100);
  return (
    <li className="relative grid w-28 gap-1 rounded-md border bg-card p-1.5 text-xs">
      <div className="flex h-20 items-center justify-center overflow-hidden rounded bg-muted">
        {tile.photo ? (
          <img
            src={tile.photo.thumbnailUrl}
            alt={`Uploaded ${name}`}
            className="h-full w-full object-cover"
          />
        ) : tile.state === 'failed' ? (
          <AlertCircle className="size-6 text-destructive" aria-hidden="true" />
        ) : (
          <ImageIcon className="size-6 text-muted-foreground" aria-hidden="true" />
        )}
      </div>
      <p className="truncate" title={tile.fileName}>
        {tile.fileName}
      </p>
      {tile.state === 'uploading' ? (
        <div
          role="progressbar"
          aria-label={`Uploading ${name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
          className="h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {tile.state === 'failed' && tile.error ? (
        <>
          <p role="alert" className="text-destructive">
            {tile.error.message}
          </p>
          {tile.error.retryable ? (
            <Button
              type="button"
              size="sm"
              variant="outline"
              className="h-7"
              aria-label={`Retry uploading ${name}`}
              onClick={() => onRetry(tile.key)}
            >
              <RotateCw aria-hidden="true" />
              Retry
            </Button>
          ) : null}
        </>
      ) : null}
      <button
        type="button"
        onClick={() => onRemove(tile.key)}
        aria-label={`Remove ${name}`}
        className="absolute -top-2 -right-2 grid size-6 place-items-center rounded-full border bg-card shadow-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
      >
        <X className="size-3.5" aria-hidden="true" />
      </button>
    </li>
  );
}
