import type { ArchiveProgress } from './archive.ts';

const number = new Intl.NumberFormat('en-US');

/** "archive: 12,000 of 48,000 rows (25%), 3,100 rows/s, about 12 s left (batch-000004 deleted)" */
export function formatProgress(progress: ArchiveProgress, elapsedMs: number): string {
  const { rowsDone, rowsTotal } = progress;
  const percent = rowsTotal > 0 ? Math.floor((rowsDone / rowsTotal) * 100) : 100;
  const rate = elapsedMs > 0 ? rowsDone / (elapsedMs / 1000) : 0;
  const left = rate > 0 ? Math.ceil((rowsTotal - rowsDone) / rate) : undefined;
  const eta = left === undefined ? 'time left unknown' : `about ${formatSeconds(left)} left`;
  return (
    `archive: ${number.format(rowsDone)} of ${number.format(rowsTotal)} rows (${percent}%), ` +
    `${number.format(Math.round(rate))} rows/s, ${eta} (${progress.batch} ${progress.step})`
  );
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Writes progress lines to `stream`: one line each, or on a terminal one line rewritten in place.
 */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, startedAt = Date.now()) {
  return (progress: ArchiveProgress) => {
    const line = formatProgress(progress, Date.now() - startedAt);
    stream.write(stream.isTTY ? `\r\u001b[2K${line}` : `${line}\n`);
  };
}
