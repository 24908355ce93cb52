import type { RouterOutputs } from '../../app/trpc.ts';

type Mechanic = RouterOutputs['mechanic'];
/** Balance, this month and last, the ratings' average (session-core's EarningsSummary). */
export type EarningsSummary = Mechanic['earnings'];
/** One ledger line (session-core's EarningLineView). */
export type EarningLineView = Mechanic['earningLines']['items'][number];
/** A customer's rating of one of the mechanic's sessions (session-core's RatingView). */
export type RatingView = Mechanic['ratings']['items'][number];
