import { DEMO_PASSWORD, DEMO_USERS, demoEmail, type DemoSummary } from './demo-data.ts';

/** The lines a person needs after seeding: what was written and who to sign in as. */
export function printDemoSummary(summary: DemoSummary, log: (line: string) => void = console.log): void {
  const statuses = Object.entries(summary.sessionsByStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  log(
    summary.usersCreated === 0 && summary.sessionsCreated === 0
      ? `Demo data already present (sessions: ${statuses}).`
      : `Seeded ${summary.usersCreated} users and ${summary.sessionsCreated} sessions (sessions: ${statuses}).`,
  );
  log(`Demo users (password: ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) {
    const credits =
      user.role === 'customer' ? `, ${user.credits} credit${user.credits === 1 ? '' : 's'} at start` : '';
    log(`  ${user.role.padEnd(8)} ${demoEmail(user.key).padEnd(30)} ${user.name}${credits}`);
  }
}

export interface ProductUrls {
  appsLabel: string;
  customerUrl: string;
  mechanicUrl: string;
  opsUrl: string;
  apiUrl: string;
  /** The Stripe emulator's URL, or 'real' when real Stripe keys are set. */
  stripe: string;
  /** The mail catcher's inbox URL, or 'relay' when SMTP_URL points elsewhere. */
  mail: string;
  databaseUrl: string;
}

/** Where everything runs, once the product has started. */
export function printUrls(urls: ProductUrls, log: (line: string) => void = console.log): void {
  log('');
  log('AutoDoctor is running:');
  log(`  Customer app     ${urls.customerUrl}   ${urls.appsLabel}`);
  log(`  Mechanic app     ${urls.mechanicUrl}   ${urls.appsLabel}`);
  log(`  Operations       ${urls.opsUrl}   ${urls.appsLabel}`);
  log(`  API              ${urls.apiUrl}/trpc   (health: ${urls.apiUrl}/healthz)`);
  log(`  Sign-in          ${urls.apiUrl}/api/auth   (better-auth)`);
  log(
    urls.stripe === 'real'
      ? '  Stripe           real Stripe (STRIPE_SECRET_KEY is set)'
      : `  Stripe emulator  ${urls.stripe}   (webhooks to ${urls.apiUrl}/webhooks/stripe)`,
  );
  log(
    urls.mail === 'relay'
      ? '  Mail             sent through SMTP_URL (set in the environment)'
      : `  Mail             ${urls.mail}   (every email the product sends; JSON: ${urls.mail}/api/messages)`,
  );
  log(`  PostgreSQL       ${urls.databaseUrl}`);
}
