import { expect, type Page } from '@playwright/test';
import { productState } from './product-state.ts';

export interface IntakeAnswers {
  year?: string;
  make?: string;
  model?: string;
  vin?: string;
  concern?: string;
  /** The radio's accessible name, e.g. /Free session/, /credit/, /Card/. */
  payment?: RegExp;
}

/** Fills the intake form as a customer would (the page must be on /new). */
export async function fillIntake(page: Page, answers: IntakeAnswers = {}): Promise<void> {
  await page.getByLabel('Year').fill(answers.year ?? '2017');
  await page.getByLabel('Make').fill(answers.make ?? 'Honda');
  await page.getByLabel('Model').fill(answers.model ?? 'Civic');
  if (answers.vin) await page.getByLabel('VIN').fill(answers.vin);
  await page
    .getByLabel('What is the problem?')
    .fill(answers.concern ?? 'Grinding noise from the front left wheel when braking at low speed.');
  if (answers.payment) await page.getByRole('radio', { name: answers.payment }).check();
}

/** Opens the intake, fills it and starts the session; returns its id from the session page's URL. */
export async function startSessionThroughIntake(page: Page, answers: IntakeAnswers = {}): Promise<string> {
  await page.goto(`${productState().customerUrl}/new`);
  await fillIntake(page, answers);
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  return sessionIdOf(page);
}

export function sessionIdOf(page: Page): string {
  const match = /\/sessions\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a session page: ${page.url()}`);
  return match[1];
}

/** The session's status as the page announces it. */
export function statusOf(page: Page, status: string) {
  return page.getByRole('status', { name: `Status: ${status}` }).first();
}
