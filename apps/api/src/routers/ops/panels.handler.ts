import { ANALYTICS_PANELS, type AnalyticsPanelId } from '@autodoctor/analytics';

/** The console's panels, in its order: each one's id (for `ops.panel`) and title. */
export function panelsHandler(): { id: AnalyticsPanelId; title: string }[] {
  return ANALYTICS_PANELS.map(({ id, title }) => ({ id, title }));
}
