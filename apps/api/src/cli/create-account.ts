// `pnpm mechanic:create …` and `pnpm operator:create --email … --name … [--password …]`: makes a
// mechanic or an operator account (the only way one comes to be: sign-up makes customers). The
// role is the first argument, which the root package.json's scripts pass. Uses DATABASE_URL, else
// the local development database of `pnpm dev`.
import { connect, describeError } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AccountExistsError } from '@autodoctor/session-core';
import { createAccount } from '../auth/accounts.ts';

const ROLES = { mechanic: 'Mechanic', operator: 'Operator' } as const;

let values;
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  }));
} catch (error) {
  console.error(describeError(error));
  process.exit(2);
}
const role = positionals[0] as keyof typeof ROLES | undefined;
const usage = `usage: pnpm ${role ?? '<mechanic|operator>'}:create --email <email> --name <name> [--password <password>]`;
if (!role || !(role in ROLES) || positionals.length !== 1 || !values.email || !values.name) {
  console.error(usage);
  process.exit(2);
}
// Without --password, a strong one is made up and printed once.
const password = values.password ?? randomBytes(12).toString('base64url');

const database = await openLocalDatabase();
const { db, close } = connect(database.url, { max: 1 });
try {
  const { userId } = await createAccount(db, { email: values.email, name: values.name, password, role });
  console.log(`${ROLES[role]} ${values.email} created (id ${userId}).`);
  if (!values.password) console.log(`Password: ${password}`);
} catch (error) {
  process.exitCode = 1;
  if (error instanceof AccountExistsError) console.error(error.message);
  else if (error instanceof z.ZodError) {
    console.error(
      `Invalid input: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  } else console.error(`Could not create the ${role}: ${describeError(error)}`);
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
