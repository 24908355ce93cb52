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
  } catch {
    // As above.
  }
}
