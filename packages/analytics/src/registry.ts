import type { PanelFunction } from './panel.ts';
import { earnings, quoteFigures, revenue } from './panels/money.ts';
import { mechanicFigures, mechanicsNow, ratingsByMechanic } from './panels/mechanics.ts';
import { queueNow, queueOverTime } from './panels/queue.ts';
import { abandonment, intakeHeatmap, sessionsCreated, timeToAccept } from './panels/sessions.ts';

/** A panel of the operations console: its stable id (the API's input), its title and its function. */
export interface AnalyticsPanel {
  id: string;
  title: string;
  run: PanelFunction;
}

/** Every panel, in the console's order: the API exposes them with one procedure taking an id. */
export const ANALYTICS_PANELS = [
  { id: 'sessions_created', title: 'Sessions created by type', run: sessionsCreated },
  { id: 'time_to_accept', title: 'Time to accept', run: timeToAccept },
  { id: 'abandonment', title: 'Abandonment', run: abandonment },
  { id: 'queue', title: 'Queue over time', run: queueOverTime },
  { id: 'queue_now', title: 'Queue now', run: queueNow },
  { id: 'heatmap', title: 'Intakes and accepts by weekday and hour', run: intakeHeatmap },
  { id: 'mechanics', title: 'Mechanics', run: mechanicFigures },
  { id: 'mechanics_now', title: 'Mechanics now', run: mechanicsNow },
  { id: 'revenue', title: 'Revenue, credit packs and refunds', run: revenue },
  { id: 'quotes', title: 'Quotes', run: quoteFigures },
  { id: 'earnings', title: 'Mechanic earnings', run: earnings },
  { id: 'ratings', title: 'Ratings per mechanic', run: ratingsByMechanic },
] as const satisfies readonly AnalyticsPanel[];

export type AnalyticsPanelId = (typeof ANALYTICS_PANELS)[number]['id'];

/** The panel with this id, or undefined. */
export function findAnalyticsPanel(id: string): AnalyticsPanel | undefined {
  return ANALYTICS_PANELS.find((panel) => panel.id === id);
}
