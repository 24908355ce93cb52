import { PHOTO_CONTENT_TYPES } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { ImagePlus } from 'lucide-react';
import { useRef, type ReactNode } from 'react';

/**
 * Opens the file picker for photos (JPEG, PNG, WebP; phones hand HEIC over as
 * JPEG). The input itself stays hidden: the button is what people and screen
 * readers meet. Without `children` it is an icon button named "Attach photos".
 */
export function AttachPhotosButton({
  onFiles,
  children,
}: {
  onFiles: (files: File[]) => void;
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        type="button"
        variant="outline"
        size={children ? 'default' : 'icon'}
        aria-label={children ? undefined : 'Attach photos'}
        title="Attach photos (JPEG, PNG or WebP)"
        onClick={() => input.current?.click()}
      >
        <ImagePlus aria-hidden="true" />
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={PHOTO_CONTENT_TYPES.join(',')}
        hidden
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared, so choosing the same file again (after removing it) fires again.
          event.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
