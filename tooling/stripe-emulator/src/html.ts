const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For text and attribute values alike: product names and URLs come from the API caller. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The frame every hosted page shares: a labelled, single-column page that reads well without CSS. */
export function htmlDocument(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stripe emulator</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  .notice { background: #fff4ce; border: 1px solid #d4a800; padding: 0.5rem 0.75rem; border-radius: 4px; }
  table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
  th, td { text-align: left; padding: 0.4rem 0; border-bottom: 1px solid #ddd; }
  td.amount, th.amount { text-align: right; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
  button { font: inherit; padding: 0.6rem 1.4rem; border-radius: 4px; border: 1px solid #555; background: #fff; cursor: pointer; }
  button.primary { background: #2f3b8f; border-color: #2f3b8f; color: #fff; }
  button:focus-visible, a:focus-visible { outline: 3px solid #d4a800; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="notice" role="note">Stripe emulator: a local test double. No real payment is made.</p>
${main}
</main>
</body>
</html>
`;
}
