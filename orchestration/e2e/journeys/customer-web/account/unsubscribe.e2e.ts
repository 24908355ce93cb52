import { mailOutbox } from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { TEST_PASSWORD, signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { productDatabase } from '@autodoctor/e2e/database';
import { linkIn, waitForMail } from '@autodoctor/e2e/mail';
import { acceptSession, SAMPLE_SUMMARY, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

const ACCEPTED_LABEL = 'A mechanic accepted your session';

/** How many `kind` emails the outbox holds for the account (sent or not). */
async function outboxCount(userId: string, kind: 'session_accepted' | 'session_live'): Promise<number> {
  const rows = await productDatabase()
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.kind, kind)));
  return rows.length;
}

test.describe('unsubscribe', () => {
  test("an optional email's link turns that kind off without signing in; the account's switch shows it off and no more come", async ({
    page,
    context,
    browser,
  }, testInfo) => {
    const { customerUrl } = productState();
    const customer = await signedInCustomer(context, { name: 'Uma Optout', credits: 1 });

    // Optional emails go to confirmed addresses only: confirm it from the verification email.
    const verification = await waitForMail({ to: customer.email, subject: /Confirm your email address/ });
    await page.goto(linkIn(verification, `${customerUrl}/api/auth/verify-email?token=`));
    await expect(page.getByRole('heading', { name: 'Your email address is confirmed' })).toBeVisible();

    const sessionId = await startSessionThroughIntake(page, { concern: uniqueConcern() });
    const mechanic = await signedInMechanic('Mo Spanner');
    await acceptSession(mechanic, sessionId);
    const accepted = await waitForMail({ to: customer.email, subject: /Mo Spanner accepted your session/ });

    // One-click unsubscribe for mail clients (RFC 8058), with the same token as the link in the
    // message (a mailto only when MAIL_UNSUBSCRIBE_MAILTO is set: not in development).
    const link = linkIn(accepted, `${customerUrl}/unsubscribe?token=`);
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(accepted.headers['list-unsubscribe']).toBe(
      `<${productState().apiUrl}/api/unsubscribe?token=${encodeURIComponent(token)}>`,
    );
    expect(accepted.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // Opened where nobody is signed in (another device, or a mail client's browser).
    const elsewhere = await browser.newContext();
    const elsewherePage = await elsewhere.newPage();
    await elsewherePage.goto(link);
    await expect(elsewherePage.getByRole('heading', { name: 'Unsubscribe' })).toBeVisible();
    await expect(elsewherePage.getByText(`Turn off: ${ACCEPTED_LABEL}`)).toBeVisible();
    const [local, domain] = customer.email.split('@');
    await expect(elsewherePage.getByText(`${local![0]}***@${domain}`)).toBeVisible();
    await expect(elsewherePage.getByText(customer.email)).toHaveCount(0);
    await expectAccessible(elsewherePage);
    await captureScreens(elsewherePage, testInfo, 'unsubscribe');

    await elsewherePage.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(elsewherePage.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible();
    await expect(elsewherePage.getByRole('status')).toHaveText(`Turned off: ${ACCEPTED_LABEL}.`);
    await expectAccessible(elsewherePage);
    await captureScreens(elsewherePage, testInfo, 'unsubscribed');

    // The way to every preference asks to sign in first, then shows the switch off.
    await elsewherePage.getByRole('link', { name: 'All your email preferences' }).click();
    await expect(elsewherePage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await elsewherePage.getByLabel('Email').fill(customer.email);
    await elsewherePage.getByLabel('Password').fill(TEST_PASSWORD);
    await elsewherePage.getByRole('button', { name: 'Sign in' }).click();
    await expect(elsewherePage.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    await expect(elsewherePage.getByRole('switch', { name: ACCEPTED_LABEL })).not.toBeChecked();
    await expect(elsewherePage.getByRole('switch', { name: 'Your session is live' })).toBeChecked();
    await captureScreens(elsewherePage, testInfo, 'notifications-after-unsubscribe');
    await elsewhere.close();

    // The next session: its "accepted" is not written for this customer; the kinds left on still are.
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: SAMPLE_SUMMARY });
    await expect(statusOf(page, 'ended')).toBeVisible();
    const next = await startSessionThroughIntake(page, { concern: uniqueConcern(), payment: /credit/ });
    await acceptSession(mechanic, next);
    await mechanic.client.mechanic.startSession.mutate({ sessionId: next });
    // The accept's and the start's emails are written in their transactions: both are committed now.
    expect(await outboxCount(customer.userId, 'session_accepted')).toBe(1);
    expect(await outboxCount(customer.userId, 'session_live')).toBe(2);
  });
});
