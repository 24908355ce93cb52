import { createTRPCRouter, operatorProcedure } from '../../trpc/init.ts';
import { panelHandler } from './panel.handler.ts';
import { panelInput } from './panel.schema.ts';
import { panelsHandler } from './panels.handler.ts';

/** The operations console: operators only (customers and mechanics are refused with FORBIDDEN). */
export const opsRouter = createTRPCRouter({
  /** The analytics panels the console shows, in order. */
  panels: operatorProcedure.query(panelsHandler),
  /** One panel for a range (`@autodoctor/analytics`): columns and rows, the same for chart, table and CSV. */
  panel: operatorProcedure.input(panelInput).query(panelHandler),
});
