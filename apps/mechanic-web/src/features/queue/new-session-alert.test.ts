import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAlertPreferences } from './alert-preferences.ts';
import { alertNewSession } from './new-session-alert.ts';
import type { QueueItem } from './queue-model.ts';

const entry: QueueItem = {
  assignmentId: 'a-1',
  sessionId: 's-1',
  sessionType: 'paid',
  vehicle: { year: 2019, make: 'Mazda', model: 'CX-5', vin: null },
  concern: 'Rattle from the dashboard',
  queuedAt: new Date(),
  waitingSeconds: 0,
};

// The browser's Notification, recording what would be shown (happy-dom has none).
const shown: { title: string; options: NotificationOptions }[] = [];
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions) {
    shown.push({ title, options });
  }
  close() {}
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
}

beforeEach(() => {
  shown.length = 0;
  vi.stubGlobal('Notification', RecordingNotification);
});
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  setHidden(false);
});

describe('alertNewSession', () => {
  it('shows a desktop notification in the background, once turned on', () => {
    setHidden(true);
    alertNewSession(entry);
    expect(shown).toEqual([]);
    setAlertPreferences({ notifications: true });
    alertNewSession(entry);
    expect(shown).toEqual([
      { title: 'New session waiting', options: { body: '2019 Mazda CX-5 · Paid session', tag: 'a-1' } },
    ]);
  });

  it('stays quiet while the tab is in front (the list shows and announces it)', () => {
    setHidden(false);
    setAlertPreferences({ notifications: true, sound: true });
    alertNewSession(entry);
    expect(shown).toEqual([]);
  });

  it('shows nothing when the browser refused permission', () => {
    setHidden(true);
    setAlertPreferences({ notifications: true });
    RecordingNotification.permission = 'denied';
    alertNewSession(entry);
    RecordingNotification.permission = 'granted';
    expect(shown).toEqual([]);
  });
});
