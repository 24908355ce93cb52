import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { endAllSignIns } from '../accounts/end-sign-ins.ts';
import { MechanicNotFoundError } from '../errors.ts';
import { operatorReasonOf, recordOperatorAction, requeueInTransaction } from './operator-actions.ts';

/** Which mechanic, which operator, and why. */
export interface MechanicAccessInput {
  mechanicUserId: string;
  operatorUserId: string;
  reason: string;
}

/** What disabling did. */
export interface DisabledMechanic {
  /** False when the mechanic was disabled already: nothing changed. */
  changed: boolean;
  /** The session they had accepted or were live in, now back in the queue. */
  requeuedSessionId: string | null;
}

/**
 * An operator disables a mechanic, in one transaction that first locks the mechanic's user row:
 * `disabled_at` is set, every sign-in of theirs ends (`endAllSignIns`: every API instance refuses
 * their cookies from the commit on), and **a session they had accepted (`waiting`) or were live in
 * goes back to the queue** (`requeueInTransaction`), keeping its place, room, transcript and
 * payment, for another mechanic to take. The audit records it. An accept racing this is decided by
 * that row lock (`acceptAssignment` reads the row FOR SHARE): it commits first and its session is
 * requeued here, or it waits and is refused with MECHANIC_DISABLED. Disabling twice changes nothing.
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 * @throws {MechanicNotFoundError} no such mechanic
 */
export async function disableMechanic(db: Database, input: MechanicAccessInput): Promise<DisabledMechanic> {
  const reason = operatorReasonOf(input.reason);
  return db.transaction(async (tx) => {
    const [mechanic] = await tx.execute<{ disabled: boolean }>(sql`
      SELECT disabled_at IS NOT NULL AS disabled FROM users
      WHERE id = ${input.mechanicUserId} AND role = 'mechanic' AND deleted_at IS NULL
      FOR UPDATE`);
    if (!mechanic) throw new MechanicNotFoundError(input.mechanicUserId);
    if (mechanic.disabled) return { changed: false, requeuedSessionId: null };

    await tx.execute(
      sql`UPDATE users SET disabled_at = now(), updated_at = now() WHERE id = ${input.mechanicUserId}`,
    );
    await endAllSignIns(tx, input.mechanicUserId);
    const [active] = await tx.execute<{ session_id: string }>(sql`
      SELECT session_id FROM session_participants
      WHERE user_id = ${input.mechanicUserId} AND role = 'mechanic' AND left_at IS NULL`);
    if (active) {
      await requeueInTransaction(tx, {
        sessionId: active.session_id,
        operatorUserId: input.operatorUserId,
        reason: `Mechanic disabled: ${reason}`,
      });
    }
    const requeuedSessionId = active?.session_id ?? null;
    await recordOperatorAction(tx, {
      operatorUserId: input.operatorUserId,
      action: 'mechanic_disabled',
      subjectUserId: input.mechanicUserId,
      sessionId: requeuedSessionId ?? undefined,
      reason,
    });
    return { changed: true, requeuedSessionId };
  });
}

/**
 * An operator enables a disabled mechanic again: they may sign in (their old sign-ins stay ended)
 * and accept. The audit records it. Enabling an enabled mechanic changes nothing.
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 * @throws {MechanicNotFoundError} no such mechanic
 */
export async function enableMechanic(
  db: Database,
  input: MechanicAccessInput,
): Promise<{ changed: boolean }> {
  const reason = operatorReasonOf(input.reason);
  return db.transaction(async (tx) => {
    const [mechanic] = await tx.execute<{ disabled: boolean }>(sql`
      SELECT disabled_at IS NOT NULL AS disabled FROM users
      WHERE id = ${input.mechanicUserId} AND role = 'mechanic' AND deleted_at IS NULL
      FOR UPDATE`);
    if (!mechanic) throw new MechanicNotFoundError(input.mechanicUserId);
    if (!mechanic.disabled) return { changed: false };
    await tx.execute(
      sql`UPDATE users SET disabled_at = NULL, updated_at = now() WHERE id = ${input.mechanicUserId}`,
    );
    await recordOperatorAction(tx, {
      operatorUserId: input.operatorUserId,
      action: 'mechanic_enabled',
      subjectUserId: input.mechanicUserId,
      reason,
    });
    return { changed: true };
  });
}
