import { formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { alertPreferences } from './alert-preferences.ts';
import type { QueueItem } from './queue-model.ts';

let audio: AudioContext | undefined;

/**
 * Readies the chime. Browsers only let a page play sound after a click, so this
 * runs when the mechanic turns the sound on (and plays it once, as a sample).
 */
export function primeChime(): void {
  audio ??= new AudioContext();
  void audio.resume();
  playChime();
}

/** Two short soft tones: noticeable, not alarming. */
function playChime(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  [660, 880].forEach((frequency, index) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    const at = start + index * 0.18;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.17);
  });
}

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined';

/** Asks the browser for permission; true when notifications may be shown. */
export async function requestNotificationPermission(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  if (Notification.permission === 'granted') return true;
  return (await Notification.requestPermission()) === 'granted';
}

/**
 * Tells a mechanic whose tab is in the background that a session joined the
 * queue, in the ways they chose. In the foreground the highlighted entry and the
 * announcement are enough.
 */
export function alertNewSession(entry: QueueItem): void {
  if (!document.hidden) return;
  const preferences = alertPreferences();
  if (preferences.sound) playChime();
  if (preferences.notifications && notificationsSupported() && Notification.permission === 'granted') {
    const notification = new Notification('New session waiting', {
      body: `${formatVehicle(entry.vehicle)} · ${SESSION_TYPE_LABEL[entry.sessionType]}`,
      tag: entry.assignmentId,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  }
}
