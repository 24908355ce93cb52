import { useCallback, useState } from 'react';

/**
 * A message being written, kept in this tab (sessionStorage) under `key`: going
 * to another screen and back, or a reload, does not lose it. Other tabs and a
 * closed browser do not see it.
 */
export function useStoredDraft(key: string): [string, (draft: string) => void] {
  const [draft, setDraft] = useState(() => readDraft(key));
  const update = useCallback(
    (next: string) => {
      setDraft(next);
      try {
        if (next) sessionStorage.setItem(key, next);
        else sessionStorage.removeItem(key);
      } catch {
        // Storage full or blocked: the draft still lives on the screen.
      }
    },
    [key],
  );
  return [draft, update];
}

function readDraft(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}
