// Formatting in the viewer's own locale and time zone (the browser's).

// Building an Intl formatter costs far more than using one: one per currency, made on first use.
const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMoney(cents: number, currency: string | null = 'usd'): string {
  const code = (currency ?? 'usd').toUpperCase();
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    moneyFormats.set(code, format);
  }
  return format.format(cents / 100);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** The viewer's time zone, e.g. "Europe/Berlin", to say in which zone times are shown. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "45 s", "3 min", "1 h 5 min": how long something has waited or will wait. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatVehicle(vehicle: { year: number; make: string; model: string }): string {
  return `${vehicle.year} ${vehicle.make} ${vehicle.model}`;
}
