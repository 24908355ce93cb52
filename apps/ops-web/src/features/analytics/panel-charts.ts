import type { PanelId } from './panel-types.ts';

/**
 * How each panel is drawn: a time series (bars, stacked bars or lines of some of its columns over
 * its first), the weekday × hour grid, or the few figures of a live panel. The table under it
 * always has every column; a new panel without an entry here fails the typecheck.
 */
export type PanelChart =
  | { kind: 'bars' | 'stacked-bars' | 'lines'; x: string; series: readonly string[] }
  | { kind: 'heatmap' }
  | { kind: 'figures'; live: true };

export const PANEL_CHARTS = {
  sessions_created: { kind: 'stacked-bars', x: 'bucket', series: ['free', 'credit', 'paid'] },
  time_to_accept: { kind: 'lines', x: 'bucket', series: ['p50', 'p90', 'p99'] },
  abandonment: { kind: 'lines', x: 'bucket', series: ['rate'] },
  queue: { kind: 'lines', x: 'bucket', series: ['queued'] },
  queue_now: { kind: 'figures', live: true },
  heatmap: { kind: 'heatmap' },
  mechanics: { kind: 'bars', x: 'mechanic', series: ['sessions'] },
  mechanics_now: { kind: 'figures', live: true },
  revenue: { kind: 'stacked-bars', x: 'bucket', series: ['paid_cents', 'credit_cents', 'packs_cents'] },
  quotes: { kind: 'bars', x: 'bucket', series: ['sent', 'approved'] },
  earnings: { kind: 'lines', x: 'bucket', series: ['earned_cents', 'paid_out_cents', 'owed_cents'] },
  ratings: { kind: 'bars', x: 'mechanic', series: ['average'] },
} as const satisfies Record<PanelId, PanelChart>;

/** How often a live panel ("now") is asked again while the console is open. */
export const LIVE_PANEL_REFRESH_MS = 15_000;

/** The colour of the n-th series (the design tokens' chart colours, packages/ui). */
export const seriesColour = (index: number) => `var(--chart-${(index % 4) + 1})`;
