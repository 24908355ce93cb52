// The product's email, as journeys read it: `pnpm dev` sends every message to the mail catcher
// (tooling/mail-catcher), whose JSON API lists them.
import type { CaughtMessage } from '@autodoctor/mail-catcher';
import { expect } from '@playwright/test';
import { productState } from './product-state.ts';

export type { CaughtMessage };

/** The mail catcher's web inbox (open it in a browser to look at what a journey sent). */
export function mailInboxUrl(): string {
  return productState().mailInboxUrl;
}

/** Every message caught so far, oldest first. */
export async function listMail(): Promise<CaughtMessage[]> {
  const response = await fetch(`${mailInboxUrl()}/api/messages`);
  if (!response.ok) throw new Error(`The mail catcher answered ${response.status}`);
  return (await response.json()) as CaughtMessage[];
}

export interface MailQuery {
  /** The recipient (journeys sign up with addresses of their own, so this keeps them apart). */
  to: string;
  subject?: RegExp;
  /** Only messages caught after this one (e.g. the second reset email, not the first). */
  after?: CaughtMessage;
}

/**
 * Waits for the newest message matching `query` (the mail worker sends in the background) and
 * returns it; fails with what the inbox holds for that address when none comes.
 */
export async function waitForMail(query: MailQuery, timeoutMs = 30_000): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined;
  const matches = (message: CaughtMessage) =>
    message.to.some((address) => address.toLowerCase() === query.to.toLowerCase()) &&
    (!query.subject || query.subject.test(message.subject)) &&
    (!query.after || Number(message.id) > Number(query.after.id));
  await expect
    .poll(
      async () => {
        found = (await listMail()).filter(matches).at(-1);
        return found?.subject;
      },
      {
        message: `an email to ${query.to}${query.subject ? ` with a subject like ${query.subject}` : ''}`,
        timeout: timeoutMs,
      },
    )
    .toBeDefined();
  return found!;
}

/** The first link in the message's text part that starts with `prefix` (e.g. the app's reset page). */
export function linkIn(message: CaughtMessage, prefix: string): string {
  const link = message.text.match(/https?:\/\/[^\s<>"')\]]+/g)?.find((url) => url.startsWith(prefix));
  if (!link) throw new Error(`No link starting with ${prefix} in "${message.subject}":\n${message.text}`);
  return link;
}
