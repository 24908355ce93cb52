import { mailOutbox, users, type Database } from '@autodoctor/db';
import { asc, eq, inArray } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { enqueueMail } from '@autodoctor/session-core';
import type { MailMessage } from '@autodoctor/session-core/rules';

/** One outbox row as the mail tests look at it. */
export type OutboxRow = {
  id: string;
  kind: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  claimedUntil: Date | null;
};

/**
 * Writes one message through session-core's enqueueMail (as the product does) and returns its row
 * id (found by its dedupe key: the message's own, else a made-up one).
 */
export async function enqueue(db: Database, message: MailMessage): Promise<string> {
  const dedupeKey = message.dedupeKey ?? `test:${randomUUID()}`;
  if (!(await enqueueMail(db, { ...message, dedupeKey }))) {
    throw new Error(`enqueueMail wrote nothing for ${message.kind}`);
  }
  const [row] = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.dedupeKey, dedupeKey));
  return row!.id;
}

export async function outboxRows(db: Database, ids: readonly string[]): Promise<OutboxRow[]> {
  return db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      sentAt: mailOutbox.sentAt,
      claimedUntil: mailOutbox.claimedUntil,
    })
    .from(mailOutbox)
    .where(inArray(mailOutbox.id, [...ids]))
    .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id));
}

/** Marks the account's address verified (what following the verification link does). */
export async function markVerified(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
}

/** One sample of an instance's `/metrics` (summed over label sets matching `labels`); 0 when absent. */
export async function metricOf(metricsUrl: string, name: string, labels: Record<string, string> = {}) {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) total += Number(match[3]);
  }
  return total;
}

/** The demo of a reset-password message (a security kind: sent to any address). */
export function resetPasswordMail(
  userId: string,
  url = 'http://localhost:5173/reset-password?token=t0k3n',
): MailMessage {
  return { kind: 'reset_password', userId, payload: { name: 'Alice', url } };
}
