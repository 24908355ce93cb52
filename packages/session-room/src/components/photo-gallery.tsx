import type { PhotoRef } from '../model/room-entry.ts';
import { PhotoThumbnail } from './photo-thumbnail.tsx';

/** Photos shown side by side, each opening full size (the intake's photos under the concern, say). */
export function PhotoGallery({
  photos,
  label,
  author,
}: {
  photos: PhotoRef[];
  label: string;
  author: string;
}) {
  if (photos.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <PhotoThumbnail
            photo={photo}
            label={`Photo ${photos.length > 1 ? `${index + 1} of ${photos.length} ` : ''}from ${author}`}
          />
        </li>
      ))}
    </ul>
  );
}
