// The web inbox: a list of messages and a page per message. Plain HTML, no script.
import type { CaughtMessage } from './mailbox.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For text and attribute values alike: everything shown here came from whoever sent the mail. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Mail catcher</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  .notice { background: #fff4ce; border: 1px solid #d4a800; padding: 0.5rem 0.75rem; border-radius: 4px; }
  table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
  th, td { text-align: left; padding: 0.4rem 0.5rem 0.4rem 0; border-bottom: 1px solid #ddd; vertical-align: top; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: 0.75rem; border-radius: 4px; }
  iframe { width: 100%; height: 40rem; border: 1px solid #ccc; border-radius: 4px; background: #fff; }
  form { display: inline; }
  button { font: inherit; padding: 0.3rem 0.9rem; border-radius: 4px; border: 1px solid #555; background: #fff; cursor: pointer; }
  a:focus-visible, button:focus-visible { outline: 3px solid #d4a800; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="notice" role="note">Mail catcher: messages sent to its SMTP server stop here; nothing is delivered.</p>
${main}
</main>
</body>
</html>`;
}

export function inboxPage(messages: CaughtMessage[]): string {
  const newestFirst = [...messages].reverse();
  const rows = newestFirst
    .map(
      (message) => `<tr>
  <td>${escapeHtml(new Date(message.date).toLocaleString('en-GB', { timeZone: 'UTC' }))} UTC</td>
  <td>${escapeHtml(message.to.join(', '))}</td>
  <td><a href="/messages/${encodeURIComponent(message.id)}">${escapeHtml(message.subject || '(no subject)')}</a></td>
</tr>`,
    )
    .join('\n');
  return page(
    'Inbox',
    `<h1>Inbox (${messages.length})</h1>
<p><a href="/">Refresh</a> · <a href="/api/messages">JSON</a>
<form method="post" action="/clear"><button type="submit">Delete all</button></form></p>
${
  messages.length === 0
    ? '<p>No messages yet.</p>'
    : `<table>
<thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}`,
  );
}

export function messagePage(message: CaughtMessage): string {
  const headerRows = Object.entries(message.headers)
    .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return page(
    message.subject || '(no subject)',
    `<p><a href="/">← Inbox</a></p>
<h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<table>
<tr><th scope="row">From</th><td>${escapeHtml(message.from)}</td></tr>
<tr><th scope="row">To</th><td>${escapeHtml(message.to.join(', '))}</td></tr>
<tr><th scope="row">Date</th><td>${escapeHtml(message.date)}</td></tr>
</table>
${
  message.html
    ? `<h2>HTML</h2>
<iframe title="The message's HTML part" sandbox="allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(
        // Links open in this tab, out of the frame (e.g. a reset link to follow); no script runs.
        `<base target="_top">${message.html}`,
      )}"></iframe>`
    : ''
}
<h2>Text</h2>
<pre>${escapeHtml(message.text || '(no text part)')}</pre>
<details><summary>Headers</summary>
<table>
${headerRows}
</table>
</details>`,
  );
}

export function notFoundPage(): string {
  return page(
    'Not found',
    '<p><a href="/">← Inbox</a></p><h1>No such message</h1><p>It may have been deleted.</p>',
  );
}
