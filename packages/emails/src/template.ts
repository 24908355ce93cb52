import type { MailKind, MailPayloads } from '@autodoctor/session-core/rules';
import type { ReactNode } from 'react';

/** Where a message's links lead: the recipient's app (customer or mechanic), and for optional kinds the unsubscribe page. */
export interface MailLinks {
  appUrl: string;
  unsubscribeUrl?: string;
}

/** What a template says; the layout, footer and rendering are shared (`renderMail`). */
export interface MailContent {
  subject: string;
  /** The line inboxes show after the subject. */
  preview: string;
  heading: string;
  body: ReactNode;
  /** Why this message was sent, when the template says it better than its category does. */
  reason?: string;
}

export type MailTemplate<K extends MailKind> = (payload: MailPayloads[K], app: AppLinks) => MailContent;

/** Builds absolute addresses in the recipient's app. */
export interface AppLinks {
  to(path: string): string;
}

export function appLinks(appUrl: string): AppLinks {
  const base = appUrl.replace(/\/+$/, '');
  return { to: (path) => `${base}${path}` };
}
