import { ANALYTICS_BUCKETS, ANALYTICS_PANELS, analyticsInputSchema } from '@autodoctor/analytics';
import { z } from 'zod';

const PANEL_IDS = ANALYTICS_PANELS.map((panel) => panel.id) as [
  (typeof ANALYTICS_PANELS)[number]['id'],
  ...(typeof ANALYTICS_PANELS)[number]['id'][],
];

/**
 * One panel of the console for a range: `from` and `to` as ISO instants, the operator's IANA time
 * zone, hour or day buckets. The range's rules (at most 366 days, hours up to 7) are the analytics
 * package's own, checked here so a bad range is a BAD_REQUEST before any query runs.
 */
export const panelInput = z
  .object({
    panelId: z.enum(PANEL_IDS),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    timeZone: z.string().min(1).max(64),
    bucket: z.enum(ANALYTICS_BUCKETS),
  })
  .transform((input) => ({ ...input, from: new Date(input.from), to: new Date(input.to) }))
  .superRefine((input, ctx) => {
    const checked = analyticsInputSchema.safeParse(input);
    if (!checked.success)
      for (const issue of checked.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
  });
