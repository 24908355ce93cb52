import { sessionAssignments } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

describe('session.timeline', () => {
  it("gives the session's events oldest first to its customer and its mechanic, to nobody else", async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const started = await customer.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    const sessionId = started.session.id;
    expect((await customer.client.session.timeline.query({ sessionId })).events.map((e) => e.type)).toEqual([
      'created',
    ]);
    // Queued, nobody's yet: no mechanic may read it.
    await expectTRPCError(mechanic.client.session.timeline.query({ sessionId }), 'FORBIDDEN', {
      appCode: 'NOT_A_PARTICIPANT',
    });
    const [assignment] = await t.database.db
      .select()
      .from(sessionAssignments)
      .where(eq(sessionAssignments.sessionId, sessionId));
    await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    await customer.client.customer.endSession.mutate({ sessionId });

    const expected = ['created', 'assignment_accepted', 'started', 'ended'];
    for (const who of [customer, mechanic]) {
      const { events } = await who.client.session.timeline.query({ sessionId });
      expect(events.map((e) => e.type)).toEqual(expected);
      for (const event of events) {
        expect(Object.keys(event).sort()).toEqual(['at', 'id', 'type']);
        expect(event.at).toBeInstanceOf(Date);
      }
      const times = events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    await expectTRPCError((await t.mechanic()).client.session.timeline.query({ sessionId }), 'FORBIDDEN');
    await expectTRPCError((await t.customer()).client.session.timeline.query({ sessionId }), 'FORBIDDEN');
    await expectTRPCError(t.anonymous.session.timeline.query({ sessionId }), 'UNAUTHORIZED');
    await expectTRPCError(customer.client.session.timeline.query({ sessionId: randomUUID() }), 'NOT_FOUND', {
      appCode: 'SESSION_NOT_FOUND',
    });
    await expectTRPCError(customer.client.session.timeline.query({ sessionId: 'nope' }), 'BAD_REQUEST');
  });
});
