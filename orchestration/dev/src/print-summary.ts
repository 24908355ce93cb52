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
