import { createTRPCRouter, operatorProcedure } from '../../trpc/init.ts';
import { panelHandler } from './panel.handler.ts';
import { panelInput } from './panel.schema.ts';
import { panelsHandler } from './panels.handler.ts';
import { mechanicsHandler } from './mechanics.handler.ts';
import { recordPayoutHandler } from './record-payout.handler.ts';
import { recordPayoutInput } from './record-payout.schema.ts';

/** The operations console: operators only (customers and mechanics are refused with FORBIDDEN). */
export const opsRouter = createTRPCRouter({
  /** The analytics panels the console shows, in order. */
  panels: operatorProcedure.query(panelsHandler),
  /** One panel for a range (`@autodoctor/analytics`): columns and rows, the same for chart, table and CSV. */
  panel: operatorProcedure.input(panelInput).query(panelHandler),
  /** Every mechanic: online, busy, offline or invited, last seen, balance. */
  mechanics: operatorProcedure.query(mechanicsHandler),
  /** Records a payout to a mechanic (a negative earnings line naming the operator). */
  recordPayout: operatorProcedure.input(recordPayoutInput).mutation(recordPayoutHandler),
});
