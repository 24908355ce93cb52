import { ANALYTICS_PANELS } from '@autodoctor/analytics';

/** The console's panels, in its order: each one's id (for `ops.panel`) and title. */
export function panelsHandler(): { id: string; title: string }[] {
  return ANALYTICS_PANELS.map(({ id, title }) => ({ id, title }));
}
