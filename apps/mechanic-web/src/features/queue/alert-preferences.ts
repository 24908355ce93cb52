import { useSyncExternalStore } from 'react';

/** Opt-in alerts for new sessions while the tab is in the background; both off until turned on. */
export interface AlertPreferences {
  sound: boolean;
  notifications: boolean;
}

const STORAGE_KEY = 'autodoctor.mechanic.alerts';
const OFF: AlertPreferences = { sound: false, notifications: false };
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: AlertPreferences } | undefined;

function read(): AlertPreferences {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked: alerts stay off.
  }
  if (cached?.raw === raw) return cached.value;
  let value = OFF;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<AlertPreferences>) : {};
    value = { sound: parsed.sound === true, notifications: parsed.notifications === true };
  } catch {
    // A damaged entry reads as off.
  }
  cached = { raw, value };
  return value;
}

export function setAlertPreferences(change: Partial<AlertPreferences>): void {
  const next = { ...read(), ...change };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Not remembered, but applied for this page.
    cached = { raw: JSON.stringify(next), value: next };
  }
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab of the app changed them.
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The mechanic's alert choices, remembered in this browser. */
export function useAlertPreferences(): AlertPreferences {
  return useSyncExternalStore(subscribe, read, () => OFF);
}

/** The current choices outside React (when an alert is about to go off). */
export const alertPreferences = read;
