import { messageBodySchema, ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { fieldControlClass } from '@autodoctor/ui/input';
import { cn } from '@autodoctor/ui/lib/cn';
import { SendHorizontal } from 'lucide-react';
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { PhotoRef } from '../model/room-entry.ts';
import type { PhotoUploads } from '../upload/use-photo-uploads.ts';
import { AttachPhotosButton } from './attach-photos-button.tsx';
import { UploadTiles } from './upload-tiles.tsx';

export interface ComposerProps {
  /** The text box's name, e.g. "Message to Sam Torque". */
  label: string;
  /** The text being written (the app keeps it, so leaving the page does not lose it). */
  draft: string;
  onDraftChange: (draft: string) => void;
  uploads: PhotoUploads;
  onSend: (message: { body: string; photos: PhotoRef[] }) => void;
  /** Called on each change of the text; the app throttles what it tells the other side. */
  onTyping: () => void;
  /** Focus the text box when the composer appears (the room just opened). */
  autoFocus?: boolean;
}

const numbers = new Intl.NumberFormat();

/**
 * Where a message is written: Enter sends, Shift+Enter breaks the line; photos
 * are attached (and uploading) before it goes, and Send waits for them.
 */
export function Composer({
  label,
  draft,
  onDraftChange,
  uploads,
  onSend,
  onTyping,
  autoFocus,
}: ComposerProps) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) textarea.current?.focus();
  }, [autoFocus]);

  const parsed = messageBodySchema.safeParse(draft);
  const body = parsed.success ? parsed.data : draft.trim();
  const textError = parsed.success
    ? null
    : (parsed.error.issues[0]?.message ?? 'This message cannot be sent');
  const uploadedCount = uploads.photos.length;
  const waitingFor = uploads.busy
    ? 'Waiting for the photos to upload…'
    : uploads.hasFailed
      ? 'Retry or remove the photo that did not upload.'
      : null;
  const canSend = !textError && !waitingFor && (body.length > 0 || uploadedCount > 0);

  function send() {
    if (!canSend) return;
    onSend({ body, photos: uploads.take() });
    onDraftChange('');
    textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  const count = body.length;
  const nearLimit = count > ROOM_LIMITS.messageMaxChars * 0.9;
  const hintId = `${id}-hint`;
  const countId = `${id}-count`;
  const errorId = `${id}-error`;

  return (
    <form
      className="grid gap-2"
      aria-label="Write a message"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        send();
      }}
    >
      <UploadTiles uploads={uploads} />
      <div className="flex items-end gap-2">
        <AttachPhotosButton onFiles={uploads.add} />
        <label htmlFor={`${id}-text`} className="sr-only">
          {label}
        </label>
        <textarea
          ref={textarea}
          id={`${id}-text`}
          rows={1}
          value={draft}
          placeholder="Write a message…"
          aria-describedby={[hintId, countId, textError ? errorId : null].filter(Boolean).join(' ')}
          aria-invalid={textError ? true : undefined}
          onChange={(event) => {
            onDraftChange(event.target.value);
            if (event.target.value.trim()) onTyping();
          }}
          onKeyDown={onKeyDown}
          className={cn(fieldControlClass, 'max-h-40 min-h-10 flex-1 resize-none [field-sizing:content]')}
        />
        <Button type="submit" disabled={!canSend} aria-describedby={waitingFor ? hintId : undefined}>
          <SendHorizontal aria-hidden="true" />
          {/* An icon on phones (the text box gets the width), named "Send" everywhere. */}
          <span className="sr-only sm:not-sr-only">Send</span>
        </Button>
      </div>
      <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 px-1 text-xs text-muted-foreground">
        <p id={hintId}>{waitingFor ?? 'Enter sends · Shift+Enter adds a line'}</p>
        <p
          id={countId}
          className={cn(nearLimit && 'font-medium text-foreground', textError && 'text-destructive')}
        >
          {numbers.format(count)} / {numbers.format(ROOM_LIMITS.messageMaxChars)} characters
        </p>
      </div>
      {textError ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
          {textError}
        </p>
      ) : null}
    </form>
  );
}
