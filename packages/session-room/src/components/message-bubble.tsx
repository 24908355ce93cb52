import { Button } from '@autodoctor/ui/button';
import { cn } from '@autodoctor/ui/lib/cn';
import { AlertCircle, Check, Loader2 } from 'lucide-react';
import type { TranscriptMessage } from '../model/transcript.ts';
import { MessageTime } from './message-time.tsx';
import { PhotoGallery } from './photo-gallery.tsx';
import { SeenMark } from './seen-mark.tsx';

export interface MessageBubbleProps {
  message: TranscriptMessage;
  /** The other person's name, for "Seen". */
  otherName: string;
  /** My last message they have seen carries "Seen". */
  seen: boolean;
  /** "Sent" shows under my latest message only (sending and failed show on every one). */
  latestOfMine: boolean;
  /** Absent when a retry cannot work (the session is over): the reason stays, without the button. */
  onRetry: ((clientMessageId: string) => void) | undefined;
}

/** One message: mine on the right, theirs on the left, with who, when, photos and how its sending went. */
export function MessageBubble({ message, otherName, seen, latestOfMine, onRetry }: MessageBubbleProps) {
  const { mine } = message;
  const author = mine ? 'You' : message.authorName;
  const photoCount = message.photos.length;
  return (
    <li
      className={cn('flex flex-col gap-1', mine ? 'items-end pl-10' : 'items-start pr-10')}
      // The read mark is sent for their messages once they have been on screen.
      data-their-entry-id={!mine && message.id ? message.id : undefined}
    >
      <p className="flex items-baseline gap-2 px-1 text-xs text-muted-foreground">
        <span className={cn('font-medium text-foreground', mine && 'sr-only')}>{author}</span>
        <MessageTime at={message.at} />
      </p>
      <div
        className={cn(
          'grid max-w-full gap-2 rounded-2xl px-3.5 py-2 text-sm',
          mine
            ? 'rounded-br-sm bg-primary text-primary-foreground'
            : 'rounded-bl-sm bg-muted text-foreground',
          message.status === 'sending' && 'opacity-80',
          message.status === 'failed' && 'ring-2 ring-destructive',
        )}
      >
        {message.body ? <p className="break-words whitespace-pre-wrap">{message.body}</p> : null}
        <PhotoGallery
          photos={message.photos}
          label={photoCount === 1 ? 'Photo' : `${photoCount} photos`}
          author={mine ? 'you' : message.authorName}
        />
      </div>
      {mine && (message.status !== 'sent' || (latestOfMine && !seen)) ? (
        <SendingStatus message={message} onRetry={onRetry} />
      ) : null}
      {seen ? <SeenMark name={otherName} /> : null}
    </li>
  );
}

function SendingStatus({
  message,
  onRetry,
}: {
  message: TranscriptMessage;
  onRetry: ((clientMessageId: string) => void) | undefined;
}) {
  switch (message.status) {
    case 'sending':
      return (
        <p className="flex items-center gap-1 px-1 text-xs text-muted-foreground">
          <Loader2 className="size-3 animate-spin motion-reduce:animate-none" aria-hidden="true" />
          Sending…
        </p>
      );
    case 'sent':
      return (
        <p className="flex items-center gap-1 px-1 text-xs text-muted-foreground">
          <Check className="size-3" aria-hidden="true" />
          Sent
        </p>
      );
    case 'failed':
      return (
        <div className="flex flex-wrap items-center justify-end gap-2 px-1 text-xs font-medium text-destructive">
          <p className="flex items-center gap-1">
            <AlertCircle className="size-3.5" aria-hidden="true" />
            Not sent: {message.error}
          </p>
          {onRetry ? (
            <Button
              size="sm"
              variant="outline"
              className="h-7"
              onClick={() => onRetry(message.clientMessageId)}
            >
              Retry
            </Button>
          ) : null}
        </div>
      );
  }
}
