import { Dialog, DialogContent } from '@autodoctor/ui/dialog';
import type { RefObject } from 'react';
import type { PhotoRef } from '../model/room-entry.ts';

export interface PhotoDialogProps {
  photo: PhotoRef;
  label: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The thumbnail that opened it: focus goes back there on close. */
  returnFocusTo: RefObject<HTMLElement | null>;
}

/** A photo full size (radix Dialog: focus kept inside, Escape closes). Loaded the first time one opens. */
export default function PhotoDialog({ photo, label, open, onOpenChange, returnFocusTo }: PhotoDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {/* sm:max-w-…: wider than the dialog's max-w-lg from the first breakpoint on (cn does not merge). */}
      <DialogContent
        title={label}
        className="sm:max-w-3xl"
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
      >
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
