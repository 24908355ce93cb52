import { sessionAssignments, sessions, type Database } from '@autodoctor/db';
import { invariantViolations, NO_VIOLATIONS, useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { grantCredits } from '../credits.ts';
import { SessionCoreError } from '../errors.ts';
import { expireOrphanedSessions } from '../expire-orphaned-sessions.ts';
import { readSessionEvents } from '../feed/read-session-events.ts';
import { promoteDueScheduledSessions } from '../promote-due-scheduled-sessions.ts';
import { canTransition } from '../rules/statuses.ts';
import { ageSession, createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from './accept-assignment.ts';
import { cancelSession } from './cancel-session.ts';
import { endSession } from './end-session.ts';
import { startSession } from './start-session.ts';

const database = useTestDatabase({ max: 10 });

// Three customers and two mechanics per run; sessions are named by their index in the run.
const customer = fc.nat({ max: 2 });
const mechanic = fc.nat({ max: 1 });
const actingMechanic = fc.nat({ max: 2 });
// Sessions counted back from the newest: the live ones are most often the latest.
const session = fc.nat({ max: 3 });
// Weighted towards the moves that make progress, so sequences reach live and ended sessions.
const command = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      customer,
      type: fc.constantFrom('free' as const, 'credit' as const, 'paid' as const),
      scheduled: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('grant' as const),
      customer,
      credits: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('accept' as const), mechanic, session }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('start' as const), mechanic: actingMechanic, session }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('end' as const),
      byMechanic: fc.boolean(),
      who: mechanic,
      session,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), customer, session }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), session }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('promote' as const), session }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

interface Run {
  customers: string[];
  mechanics: string[];
  sessions: { id: string; customer: string }[];
}

/** Runs one command; the rules may refuse it, but only with a typed session-core error. */
async function apply(db: Database, run: Run, step: Command): Promise<void> {
  // Mostly the mechanic who accepted the session (0), sometimes the other one (who must be refused).
  const mechanicFor = async (sessionId: string, which: number) => {
    const [assignment] = await db
      .select({ mechanic: sessionAssignments.mechanicUserId })
      .from(sessionAssignments)
      .where(eq(sessionAssignments.sessionId, sessionId));
    return which === 0 && assignment?.mechanic ? assignment.mechanic : run.mechanics[which % 2]!;
  };
  const target =
    'session' in step ? run.sessions[step.session % Math.max(run.sessions.length, 1)] : undefined;
  try {
    switch (step.kind) {
      case 'create': {
        const input = sessionInput(step.type, run.customers[step.customer]!);
        const { session: created } = await createSessionRecord(db, {
          ...input,
          ...(step.scheduled ? { scheduledFor: new Date(Date.now() + 3_600_000) } : {}),
        });
        run.sessions.push({ id: created.id, customer: created.customerUserId });
        return;
      }
      case 'grant':
        await grantCredits(db, run.customers[step.customer]!, step.credits);
        return;
      case 'accept': {
        if (!target) return;
        const [assignment] = await db
          .select({ id: sessionAssignments.id })
          .from(sessionAssignments)
          .where(eq(sessionAssignments.sessionId, target.id));
        await acceptAssignment(db, {
          assignmentId: assignment!.id,
          mechanicUserId: run.mechanics[step.mechanic]!,
        });
        return;
      }
      case 'start':
        if (target)
          await startSession(db, {
            sessionId: target.id,
            actorUserId: await mechanicFor(target.id, step.mechanic),
          });
        return;
      case 'end':
        if (target) {
          const actorUserId = step.byMechanic ? await mechanicFor(target.id, step.who) : target.customer;
          await endSession(db, { sessionId: target.id, actorUserId });
        }
        return;
      case 'cancel':
        // Sometimes the session's own customer, sometimes another one (who must be refused).
        if (target) {
          const actorUserId = step.customer === 0 ? target.customer : run.customers[step.customer]!;
          await cancelSession(db, { sessionId: target.id, actorUserId });
        }
        return;
      case 'expire':
        if (target) {
          await ageSession(db, target.id, 3);
          await expireOrphanedSessions(db);
        }
        return;
      case 'promote':
        if (target) {
          await db
            .update(sessions)
            .set({ scheduledFor: sql`now() - interval '1 minute'` })
            .where(sql`${sessions.id} = ${target.id} AND ${sessions.status} = 'scheduled'`);
          await promoteDueScheduledSessions(db);
        }
        return;
    }
  } catch (error) {
    if (!(error instanceof SessionCoreError)) throw error;
  }
}

/** Every session's events follow the status machine, and its status is where they lead. */
async function trailsFollowTheStatusMachine(db: Database, run: Run): Promise<void> {
  for (const { id } of run.sessions) {
    const events = await readSessionEvents(db, { sessionId: id, limit: 100 });
    expect(events[0]?.type).toBe('created');
    for (let i = 1; i < events.length; i++) {
      const [before, event] = [events[i - 1]!, events[i]!];
      expect(event.from, `${event.type} after ${before.type}`).toBe(before.to);
      expect(
        event.from === event.to || canTransition(event.from!, event.to),
        `${event.from} → ${event.to}`,
      ).toBe(true);
    }
    const [row] = await db.select({ status: sessions.status }).from(sessions).where(eq(sessions.id, id));
    expect(row!.status).toBe(events.at(-1)!.to);
  }
}

describe('random sequences of transitions', () => {
  it('keep every invariant and follow the status machine', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 8, maxLength: 30 }), async (steps) => {
        const run: Run = {
          customers: [await createCustomer(db, 1), await createCustomer(db), await createCustomer(db, 2)],
          mechanics: [await createMechanic(db), await createMechanic(db)],
          sessions: [],
        };
        for (const step of steps) await apply(db, run, step);
        expect(await invariantViolations(db)).toEqual(NO_VIOLATIONS);
        await trailsFollowTheStatusMachine(db, run);
      }),
      // Small, so the suite stays fast; a failure prints its seed and shrunk sequence to replay.
      { numRuns: 30 },
    );
  });
});
