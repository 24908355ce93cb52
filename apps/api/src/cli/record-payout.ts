// `pnpm payouts:record --mechanic EMAIL --amount 12.34 --reference REF`: records a payout to a
// mechanic (a negative line of their earnings) until the operations console does it. Uses
// DATABASE_URL, else the local development database of `pnpm dev`.
import { connect, describeError } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { userInfo } from 'node:os';
import { parsePayoutArgs, PayoutCommandError, recordPayoutByEmail, type PayoutCommand } from './payouts.ts';

let command: PayoutCommand;
try {
  command = parsePayoutArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof PayoutCommandError ? error.message : describeError(error));
  process.exit(2);
}

// Who ran it, for the line's `recorded_by` (a container may have no name for its user).
let operator = 'unknown';
try {
  operator = userInfo().username;
} catch {
  operator = process.env.USER ?? operator;
}

const database = await openLocalDatabase();
const { db, close } = connect(database.url, { max: 1 });
try {
  const payout = await recordPayoutByEmail(db, command, `cli:${operator}`);
  console.log(
    `Payout of $${(-payout.amountCents / 100).toFixed(2)} to ${command.mechanicEmail} recorded (line ${payout.id}, reference ${payout.reference}).`,
  );
} catch (error) {
  if (error instanceof PayoutCommandError) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(`Could not record the payout: ${describeError(error)}`);
    process.exitCode = 1;
  }
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
