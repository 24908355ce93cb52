// The caught messages, in memory only: the last `maxMessages`, oldest first.
import type { ParsedMail } from 'mailparser';

/** One caught message as the JSON API returns it. */
export interface CaughtMessage {
  /** Assigned in arrival order ("1", "2", …); never reused while the catcher runs. */
  id: string;
  /** The envelope's recipients (RCPT TO), so Bcc'd addresses are here too. */
  to: string[];
  /** The From header as written (`Name <address>`), else the envelope sender. */
  from: string;
  subject: string;
  /** The plain-text part ('' when the message has none). */
  text: string;
  /** The HTML part ('' when the message has none). */
  html: string;
  /** ISO 8601: the Date header, else when the catcher received it. */
  date: string;
  /** Every header by its lower-case name, unfolded; a repeated header's values joined by "\n". */
  headers: Record<string, string>;
}

export interface Envelope {
  mailFrom: string;
  rcptTo: string[];
}

type Listener = (message: CaughtMessage) => void;

export class Mailbox {
  private messages: CaughtMessage[] = [];
  private nextId = 1;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly maxMessages: number) {}

  add(parsed: ParsedMail, envelope: Envelope, receivedAt: Date): CaughtMessage {
    const headers = headersOf(parsed);
    const message: CaughtMessage = {
      id: String(this.nextId++),
      to: envelope.rcptTo,
      from: headers.from || envelope.mailFrom,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
      date: (parsed.date ?? receivedAt).toISOString(),
      headers,
    };
    this.messages.push(message);
    // Bounded: the oldest go first, so a long `pnpm dev` keeps a steady footprint.
    if (this.messages.length > this.maxMessages)
      this.messages.splice(0, this.messages.length - this.maxMessages);
    for (const listener of this.listeners) listener(message);
    return message;
  }

  list(): CaughtMessage[] {
    return [...this.messages];
  }

  get(id: string): CaughtMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear(): number {
    const count = this.messages.length;
    this.messages = [];
    return count;
  }

  /** Calls `listener` with every message caught from now on; returns the unsubscribe. */
  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function headersOf(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    // Unfold (RFC 5322 §2.2.3): a line break followed by white space is part of the value.
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    const name = key.toLowerCase();
    headers[name] = name in headers ? `${headers[name]}\n${value}` : value;
  }
  return headers;
}
