import { sessionSummaries, type Database, type Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { InvalidSessionInputError, NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import { writeReferralFee } from '../earnings/referral-fee.ts';
import { isUuid } from '../ids.ts';
import { enqueueSessionMail } from '../notifications/session-mail.ts';
import { sessionSummarySchema, type SessionSummaryInput } from '../rules/room.ts';
import type { Session } from '../types.ts';
import { moveSession, releaseParticipants } from './move-session.ts';
import type { SessionActionInput } from './start-session.ts';

export interface EndSessionInput extends SessionActionInput {
  /** The mechanic's summary for the customer (what was found, what next, workshop or not). */
  summary?: SessionSummaryInput | undefined;
}

/**
 * The consultation is over: `live` → `ended`, `ended_at` set, its participants
 * released (the mechanic may accept the next one), an `ended` event, and the
 * mechanic's summary when given, and the mechanic's referral fee line (see
 * `writeReferralFee`: once per session, nothing for a free, granted-credit or
 * refunded one) and the customer's `session_ended` email with the summary — all or nothing.
 *
 * @throws {InvalidSessionInputError} the summary breaks its rules
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the actor does not take part in it, or is not its mechanic and gave a summary
 * @throws {IllegalTransitionError} the session is not live (cancel a session that has not started)
 */
export async function endSession(db: Database | Transaction, input: EndSessionInput): Promise<Session> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  const summary = input.summary === undefined ? undefined : sessionSummarySchema.safeParse(input.summary);
  if (summary && !summary.success) {
    throw new InvalidSessionInputError(
      summary.error.issues.map((issue) => ({
        path: `summary.${issue.path.join('.')}`,
        message: issue.message,
      })),
    );
  }
  return db.transaction(async (tx) => {
    const { session } = await moveSession(tx, {
      ...input,
      to: 'ended',
      set: { endedAt: sql`now()` },
      event: 'ended',
    });
    if (summary?.data) {
      const written = await tx
        .insert(sessionSummaries)
        .select(
          sql`SELECT ${session.id}::uuid, ${input.actorUserId}, ${summary.data.found}, ${summary.data.nextSteps}, ${summary.data.workshopVisitNeeded}, now()
              FROM session_participants
              WHERE session_id = ${session.id} AND user_id = ${input.actorUserId} AND role = 'mechanic'`,
        )
        .returning({ sessionId: sessionSummaries.sessionId });
      if (written.length === 0) throw new NotAParticipantError(session.id, input.actorUserId);
    }
    await releaseParticipants(tx, session.id);
    await writeReferralFee(tx, session);
    await enqueueSessionMail(tx, 'session_ended', session.id);
    return session;
  });
}
