// @autodoctor/mail-catcher: a local SMTP server whose mail lands in a web inbox with a JSON API.
export { startMailCatcher, type MailCatcher, type MailCatcherOptions } from './catcher.ts';
export type { CaughtMessage } from './mailbox.ts';
