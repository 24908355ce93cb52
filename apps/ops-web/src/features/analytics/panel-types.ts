import type { RouterInputs, RouterOutputs } from '../../app/trpc.ts';

/** One panel's numbers as `ops.panel` gives them: the chart, the table and the CSV all read these. */
export type PanelResult = RouterOutputs['ops']['panel'];
export type PanelColumn = PanelResult['columns'][number];
export type PanelRow = PanelResult['rows'][number];
/** The panels' ids, as the API's input lists them. */
export type PanelId = RouterInputs['ops']['panel']['panelId'];
