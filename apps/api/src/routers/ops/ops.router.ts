import { createTRPCRouter, operatorProcedure } from '../../trpc/init.ts';
import { panelHandler } from './panel.handler.ts';
import { panelInput } from './panel.schema.ts';
import { panelsHandler } from './panels.handler.ts';
import { mechanicsHandler } from './mechanics.handler.ts';
import { inviteMechanicHandler } from './invite-mechanic.handler.ts';
import { inviteMechanicInput } from './invite-mechanic.schema.ts';
import { recordPayoutHandler } from './record-payout.handler.ts';
import { recordPayoutInput } from './record-payout.schema.ts';
import { openTranscriptHandler } from './open-transcript.handler.ts';
import { openTranscriptInput } from './open-transcript.schema.ts';
import { sessionHandler } from './session.handler.ts';
import { sessionInput } from './session.schema.ts';
import { sessionsHandler } from './sessions.handler.ts';
import { sessionsInput } from './sessions.schema.ts';
import { transcriptAccessHandler } from './transcript-access.handler.ts';
import { cancelSessionHandler } from './cancel-session.handler.ts';
import { disableMechanicHandler } from './disable-mechanic.handler.ts';
import { enableMechanicHandler } from './enable-mechanic.handler.ts';
import { mechanicAccessInput } from './mechanic-access.schema.ts';
import { operatorActionsHandler } from './operator-actions.handler.ts';
import { requeueSessionHandler } from './requeue-session.handler.ts';
import { sessionActionInput } from './session-action.schema.ts';

/** The operations console: operators only (customers and mechanics are refused with FORBIDDEN). */
export const opsRouter = createTRPCRouter({
  /** The analytics panels the console shows, in order. */
  panels: operatorProcedure.query(panelsHandler),
  /** One panel for a range (`@autodoctor/analytics`): columns and rows, the same for chart, table and CSV. */
  panel: operatorProcedure.input(panelInput).query(panelHandler),
  /** Every mechanic: online, busy, offline or invited, last seen, balance. */
  mechanics: operatorProcedure.query(mechanicsHandler),
  /** Invites a mechanic: an account without a password and an emailed link (7 days) to set one. */
  inviteMechanic: operatorProcedure.input(inviteMechanicInput).mutation(inviteMechanicHandler),
  /** Records a payout to a mechanic (a negative earnings line naming the operator). */
  recordPayout: operatorProcedure.input(recordPayoutInput).mutation(recordPayoutHandler),
  /** Disables a mechanic: signed out everywhere, no sign-in or accept, their session back in the queue. */
  disableMechanic: operatorProcedure.input(mechanicAccessInput).mutation(disableMechanicHandler),
  /** Enables a disabled mechanic again. */
  enableMechanic: operatorProcedure.input(mechanicAccessInput).mutation(enableMechanicHandler),
  /** Sessions by id, customer email or VIN, status and date. */
  sessions: operatorProcedure.input(sessionsInput).query(sessionsHandler),
  /** One session and its timeline. */
  session: operatorProcedure.input(sessionInput).query(sessionHandler),
  /** A session room's transcript, each opening logged with its reason. */
  openTranscript: operatorProcedure.input(openTranscriptInput).mutation(openTranscriptHandler),
  /** Cancels a session with a reason (the customer's refund rules). */
  cancelSession: operatorProcedure.input(sessionActionInput).mutation(cancelSessionHandler),
  /** Puts an accepted or live session back in the queue, with a reason. */
  requeueSession: operatorProcedure.input(sessionActionInput).mutation(requeueSessionHandler),
  /** The transcript access log. */
  transcriptAccess: operatorProcedure.query(transcriptAccessHandler),
  /** The audit of operators' actions, each naming its operator. */
  operatorActions: operatorProcedure.query(operatorActionsHandler),
});
