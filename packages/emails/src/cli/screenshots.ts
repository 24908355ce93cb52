// `pnpm emails:screenshots [--out DIR]`: renders every email with its sample payload and takes a
// full-page screenshot of each at phone width (390 px) in real Chromium, to look at before a
// change of the templates lands. Default DIR: packages/emails/screenshots (not committed).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MAIL_KIND_VALUES } from '@autodoctor/session-core/rules';
import { chromium } from 'playwright-core';
import { SAMPLE_PAYLOADS } from '../fixtures.ts';
import { renderMail, type MailToRender } from '../render.tsx';

/** Debian's Chromium (Playwright cannot download its own here), or CHROMIUM_PATH, as the e2e runner. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

const { values } = parseArgs({ options: { out: { type: 'string' } } });
// pnpm runs scripts from the workspace root: a relative --out is the caller's folder's.
const out = values.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
  : fileURLToPath(new URL('../../screenshots/', import.meta.url));
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
  for (const kind of MAIL_KIND_VALUES) {
    const mail = await renderMail({ kind, payload: SAMPLE_PAYLOADS[kind] } as MailToRender, {
      appUrl: 'https://app.autodoctor.test',
      unsubscribeUrl: 'https://app.autodoctor.test/unsubscribe?token=sample',
    });
    await page.setContent(mail.html, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(out, `${kind}.png`), fullPage: true });
    await writeFile(path.join(out, `${kind}.txt`), `Subject: ${mail.subject}\n\n${mail.text}\n`);
    console.log(`${kind}: ${mail.subject}`);
  }
} finally {
  await browser.close();
}
console.log(`Screenshots (${PHONE.width} px wide) and plain-text parts in ${out}`);
