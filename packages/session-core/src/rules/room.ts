// zod/mini: the apps load these rules on their pages (the End dialog, the composer), and no more of zod.
import * as z from 'zod/mini';

/**
 * The session room: where customer and mechanic talk the repair through, from
 * the accept until the session ends (read-only afterwards).
 */
export const ROOM_LIMITS = {
  /** A message's text, in characters (after trimming). */
  messageMaxChars: 4_000,
  /** Photos sent with one message. */
  photosPerMessage: 5,
  /** Photos attached to the intake. */
  intakePhotosMax: 5,
  /** Photos uploaded but not sent yet, per person (abandoned uploads stop counting once sent or removed). */
  unsentPhotosMax: 10,
  /**
   * An intake upload never attached stops counting as unsent after this many hours (the customer
   * left the form; nothing lists it to remove it). Uploads to a room stop counting when it closes.
   */
  intakeDraftPhotoHours: 24,
  /** The most pixels (width × height) a photo may decode to: larger is refused before decoding (a decompression bomb). */
  photoMaxInputPixels: 64_000_000,
  /** A photo's size as uploaded, in bytes (10 MB). */
  photoMaxBytes: 10 * 1024 * 1024,
  /** The longest edge of a stored photo and of its thumbnail, in pixels. */
  photoMaxEdgePx: 2_048,
  thumbnailEdgePx: 320,
} as const;

/** The image types a photo can have, checked by its content (never by its name). */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** How often a typing participant says so, and when the other side stops showing it. */
export const TYPING_INDICATOR = { sendEveryMs: 2_000, clearAfterMs: 5_000 } as const;

// Which statuses open the room is a status rule: it lives with them (importable without zod).
export { isRoomOpen, ROOM_OPEN_STATUSES } from './statuses.ts';

// PostgreSQL text cannot hold NUL; a message may have line breaks and tabs, no other control character.
const NO_CONTROL_CHARACTERS_BUT_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;
const controlCharactersMessage = (field: string) => `Remove the control characters from the ${field}`;

/** A message's text: up to 4,000 characters; empty only when photos go with it. */
export const messageBodySchema = z
  .string({ error: 'Write a message or add a photo' })
  .check(
    z.trim(),
    z.maxLength(
      ROOM_LIMITS.messageMaxChars,
      `Keep a message under ${ROOM_LIMITS.messageMaxChars} characters`,
    ),
    z.regex(NO_CONTROL_CHARACTERS_BUT_LINES, controlCharactersMessage('message')),
  );

/** What a participant sends: text and/or photos already uploaded to the room. */
export const roomMessageSchema = z
  .object({
    /** Chosen by the sender's app: a retry with the same id returns the message already stored. */
    clientMessageId: z.uuid(),
    body: messageBodySchema,
    photoIds: z._default(
      z
        .array(z.uuid())
        .check(
          z.maxLength(
            ROOM_LIMITS.photosPerMessage,
            `Send at most ${ROOM_LIMITS.photosPerMessage} photos at once`,
          ),
        ),
      [],
    ),
  })
  .check(
    z.refine((message) => message.body.length > 0 || message.photoIds.length > 0, {
      message: 'Write a message or add a photo',
      path: ['body'],
    }),
  );
export type RoomMessageInput = z.input<typeof roomMessageSchema>;

const summaryText = (emptyMessage: string, field: string) =>
  z
    .string({ error: emptyMessage })
    .check(
      z.trim(),
      z.minLength(1, emptyMessage),
      z.maxLength(2_000, 'Keep it under 2000 characters'),
      z.regex(NO_CONTROL_CHARACTERS_BUT_LINES, controlCharactersMessage(field)),
    );

/** The mechanic's summary when ending a session. */
export const sessionSummarySchema = z.object({
  found: summaryText('Say what you found', 'findings'),
  nextSteps: summaryText('Say what to do next', 'next steps'),
  workshopVisitNeeded: z.boolean({ error: 'Say whether a workshop visit is needed' }),
});
export type SessionSummaryInput = z.input<typeof sessionSummarySchema>;
