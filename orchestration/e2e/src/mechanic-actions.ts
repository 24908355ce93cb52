import { expect, type Locator, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { signedInMechanic } from './accounts.ts';
import { productState } from './product-state.ts';

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

/** Words that make one journey's session easy to find in a queue other journeys share. */
export function uniqueConcern(problem = 'Grinding noise from the front left wheel when braking'): string {
  return `${problem} (ref ${randomUUID().slice(0, 8)}).`;
}

/** The queue's card of the session whose concern contains `text`. */
export function queueEntry(page: Page, text: string): Locator {
  return page.getByRole('list', { name: 'Waiting sessions' }).getByRole('article').filter({ hasText: text });
}

/** Opens the mechanic app's queue, live. */
export async function openQueue(page: Page): Promise<void> {
  await page.goto(productState().mechanicUrl);
  await expect(page.getByRole('heading', { name: 'Queue', level: 1 })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible();
}

/** A summary a mechanic ends a session with. */
export const SAMPLE_SUMMARY = {
  found: 'Worn front brake pads; the discs are still fine',
  nextSteps: 'Replace the front pads within the next 500 km',
  workshopVisitNeeded: true,
};

/** Ends a live session through the mechanic's End dialog, writing SAMPLE_SUMMARY. */
export async function endSessionWithSummary(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'End this session' });
  // A dialog still closing has its own "End session" button: wait until it is gone.
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(dialog.getByLabel('What you found')).toBeEditable();
  await dialog.getByLabel('What you found').fill(SAMPLE_SUMMARY.found);
  await dialog.getByLabel('What to do next').fill(SAMPLE_SUMMARY.nextSteps);
  await dialog.getByRole('radio', { name: 'Yes, a workshop visit is needed' }).check();
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(dialog).toBeHidden();
}
