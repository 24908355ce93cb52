// `pnpm mechanic:invite --email … --name …`: makes a mechanic account with no password and emails
// (through the outbox) a link to the mechanic app where they choose one, valid 7 days. Uses
// DATABASE_URL, else the local development database of `pnpm dev`; the link leads to
// MECHANIC_APP_URL (the API's setting), else the mechanic app of `pnpm dev`.
import { connect, describeError } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AccountExistsError } from '@autodoctor/session-core';
import { inviteMechanic } from '../auth/invite-mechanic.ts';
import { DEFAULT_MECHANIC_APP_URL } from '../config.ts';

const usage = 'usage: pnpm mechanic:invite --email <email> --name <name>';

let values;
try {
  ({ values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } }));
} catch (error) {
  console.error(`${describeError(error)}\n${usage}`);
  process.exit(2);
}
if (!values.email || !values.name) {
  console.error(usage);
  process.exit(2);
}
const mechanicAppUrl = z
  .url({ protocol: /^https?$/ })
  .default(DEFAULT_MECHANIC_APP_URL)
  .safeParse(process.env.MECHANIC_APP_URL || undefined);
if (!mechanicAppUrl.success) {
  console.error('MECHANIC_APP_URL must be an http(s) URL');
  process.exit(2);
}

const database = await openLocalDatabase();
const { db, close } = connect(database.url, { max: 1 });
try {
  const { userId, expiresAt } = await inviteMechanic(
    db,
    { email: values.email, name: values.name },
    { mechanicAppUrl: mechanicAppUrl.data },
  );
  console.log(
    `Mechanic ${values.email} invited (id ${userId}): the email's link works until ${expiresAt.toISOString()}.`,
  );
} catch (error) {
  process.exitCode = 1;
  if (error instanceof AccountExistsError) console.error(error.message);
  // The invitation's schema is zod/mini (session-core's rules): its error is core's $ZodError.
  else if (error instanceof z.core.$ZodError) {
    console.error(
      `Invalid input: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  } else console.error(`Could not invite the mechanic: ${describeError(error)}`);
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
