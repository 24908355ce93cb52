// The hosted checkout page and its two buttons, plain HTML forms.
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import {
  cancelCheckoutSession,
  findCheckoutSession,
  payCheckoutSession,
  successUrlFor,
  type CheckoutOutcome,
} from './checkout.ts';
import type { EmulatorCore } from './core.ts';
import { checkoutPage, explanationPage } from './hosted-page.ts';

type Refusal = Exclude<CheckoutOutcome, { kind: 'redirect' }>;

/** Why a click did nothing, for the page and for the test helpers' errors alike. */
export function explainRefusal(
  outcome: Refusal,
  id: string,
): { status: 404 | 409 | 410; title: string; message: string } {
  switch (outcome.kind) {
    case 'already-paid':
      return {
        status: 409,
        title: 'Already paid',
        message: 'This checkout was paid already; nothing more was charged.',
      };
    case 'expired':
      return {
        status: 410,
        title: 'Checkout expired',
        message: 'This checkout has expired and can no longer be paid.',
      };
    case 'no-cancel-url':
      return {
        status: 409,
        title: 'Nothing to cancel to',
        message: 'This checkout was created without a cancel_url.',
      };
    case 'missing':
      return {
        status: 404,
        title: 'Checkout not found',
        message: `There is no checkout session ${id} on this emulator (its state lives in memory only).`,
      };
  }
}

function backLink(outcome: Refusal): { href: string; label: string } | undefined {
  if (outcome.kind === 'already-paid') return { href: successUrlFor(outcome.session), label: 'Continue' };
  if (outcome.kind === 'expired' && outcome.session.cancel_url !== null) {
    return { href: outcome.session.cancel_url, label: 'Back' };
  }
  return undefined;
}

function present(c: Context<AppEnv>, outcome: CheckoutOutcome, id: string): Response {
  if (outcome.kind === 'redirect') return c.redirect(outcome.location, 303);
  const { status, title, message } = explainRefusal(outcome, id);
  return c.html(explanationPage(title, message, backLink(outcome)), status);
}

export function registerHostedRoutes(app: Hono<AppEnv>, core: EmulatorCore): void {
  app.get('/checkout/:id', (c) => {
    const id = c.req.param('id');
    const record = findCheckoutSession(core, id);
    if (record === undefined) return present(c, { kind: 'missing' }, id);
    const { session } = record;
    if (session.status === 'open') return c.html(checkoutPage(session));
    if (session.status === 'expired') return present(c, { kind: 'expired', session }, id);
    // Viewing a paid checkout is no conflict: the explanation, with 200.
    const { title, message } = explainRefusal({ kind: 'already-paid', session }, id);
    return c.html(explanationPage(title, message, backLink({ kind: 'already-paid', session })));
  });
  app.post('/checkout/:id/pay', (c) =>
    present(c, payCheckoutSession(core, c.req.param('id')), c.req.param('id')),
  );
  app.post('/checkout/:id/cancel', (c) =>
    present(c, cancelCheckoutSession(core, c.req.param('id')), c.req.param('id')),
  );
}
