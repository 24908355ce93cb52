export {
  ANALYTICS_BUCKETS,
  ANALYTICS_LIMITS,
  AnalyticsInputError,
  analyticsInputSchema,
  parseAnalyticsInput,
  type AnalyticsBucket,
  type AnalyticsInput,
  type ParsedAnalyticsInput,
} from './input.ts';
export type { PanelColumn, PanelFunction, PanelResult } from './panel.ts';
export { panelToCsv } from './csv.ts';
export {
  ANALYTICS_PANELS,
  findAnalyticsPanel,
  type AnalyticsPanel,
  type AnalyticsPanelId,
} from './registry.ts';
export { abandonment, intakeHeatmap, sessionsCreated, timeToAccept } from './panels/sessions.ts';
export { queueNow, queueOverTime } from './panels/queue.ts';
export { mechanicFigures, mechanicsNow, ratingsByMechanic } from './panels/mechanics.ts';
export { earnings, quoteFigures, revenue } from './panels/money.ts';
export { QUEUE_LOOKBACK, refreshAnalyticsRollups, ROLLUP_SETTLING } from './rollups.ts';
