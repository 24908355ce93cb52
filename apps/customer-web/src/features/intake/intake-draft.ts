import type { PhotoRef } from '@autodoctor/session-room/model/room-entry';
import type { StartSessionFormValues } from './start-session-form-schema.ts';

// The intake is kept in this tab while it is filled in, so that a cancelled card
// checkout or a reload loses nothing; it is dropped once a session is started.
const KEY = 'autodoctor:intake-draft';

export function loadIntakeDraft(): Partial<StartSessionFormValues> | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<StartSessionFormValues>;
    // A scheduled start is not restored: it may be in the past by now.
    delete draft.scheduledFor;
    return draft;
  } catch {
    return undefined;
  }
}

export function saveIntakeDraft(values: Partial<StartSessionFormValues>): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(values));
  } catch {
    // Storage full or blocked: the draft is a convenience only.
  }
}

export function clearIntakeDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PHOTOS_KEY);
  } catch {
    // As above.
  }
}

// The intake's photos, uploaded already (`POST /api/photos?for=intake`): kept beside the draft so
// that a reload or a cancelled checkout does not make the customer upload them again.
const PHOTOS_KEY = 'autodoctor:intake-photos';

export function loadIntakePhotos(): PhotoRef[] {
  try {
    const raw = sessionStorage.getItem(PHOTOS_KEY);
    return raw ? (JSON.parse(raw) as PhotoRef[]) : [];
  } catch {
    return [];
  }
}

export function saveIntakePhotos(photos: PhotoRef[]): void {
  try {
    if (photos.length) sessionStorage.setItem(PHOTOS_KEY, JSON.stringify(photos));
    else sessionStorage.removeItem(PHOTOS_KEY);
  } catch {
    // As above.
  }
}
