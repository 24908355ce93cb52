import { parse } from 'bowser';

/** "Chrome on Windows", "Safari on iOS": a sign-in's device as its browser reported it (User-Agent). */
export function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os } = parse(userAgent);
  if (browser.name && os.name) return `${browser.name} on ${os.name}`;
  return browser.name ?? os.name ?? 'Unknown device';
}
