import type { signedInMechanic } from './accounts.ts';

type Mechanic = Awaited<ReturnType<typeof signedInMechanic>>;

/** The queue entry of a session, as mechanics see it (waits for it to be queued). */
export async function assignmentOf(mechanic: Mechanic, sessionId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { entries } = await mechanic.client.mechanic.queue.query();
    const entry = entries.find((candidate) => candidate.sessionId === sessionId);
    if (entry) return entry.assignmentId;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`session ${sessionId} never reached the queue`);
}

/** A mechanic takes the session through the API, as the mechanic app does. */
export async function acceptSession(mechanic: Mechanic, sessionId: string): Promise<void> {
  const assignmentId = await assignmentOf(mechanic, sessionId);
  await mechanic.client.mechanic.accept.mutate({ assignmentId });
}
