import { findAnalyticsPanel, type PanelResult } from '@autodoctor/analytics';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { panelInput } from './panel.schema.ts';

/** One panel's numbers, computed in PostgreSQL: the console's chart, table and CSV all read them. */
export async function panelHandler(options: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof panelInput>;
}): Promise<PanelResult> {
  const { ctx, input } = options;
  const { panelId, ...range } = input;
  return findAnalyticsPanel(panelId)!.run(ctx.db, range);
}
