// The work behind `pnpm payouts:record` (record-payout.ts), apart so that tests can call it.
import { users, type Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import {
  InvalidSessionInputError,
  MechanicNotFoundError,
  PAYOUT_MAX_CENTS,
  recordPayout,
  type RecordedPayout,
} from '@autodoctor/session-core';
import { dollarsToCents } from '@autodoctor/session-core/rules';
import { parseArgs } from 'node:util';

export const PAYOUT_USAGE =
  'usage: pnpm payouts:record --mechanic <email> --amount <dollars, e.g. 12.34> --reference <transfer reference>';

/** A refusal the command prints as is (exit code 2: the input; 1: the data). */
export class PayoutCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export interface PayoutCommand {
  mechanicEmail: string;
  amountCents: number;
  reference: string;
}

/**
 * Dollars and cents as typed (`12.34`, `12.3`, `12`) to cents, exactly (no floating point): at
 * most two decimals, more than zero, at most PAYOUT_MAX_CENTS.
 *
 * @throws {PayoutCommandError} anything else (`-1`, `0`, `1e3`, `12.345`, `12,34`)
 */
export function parseDollarAmount(text: string): number {
  const cents = dollarsToCents(text);
  if (!(cents !== null && cents > 0 && cents <= PAYOUT_MAX_CENTS)) {
    throw new PayoutCommandError(
      `--amount must be dollars with at most two decimals, more than 0 and at most ${PAYOUT_MAX_CENTS / 100} (got ${JSON.stringify(text)})`,
      2,
    );
  }
  return cents;
}

/** The command's arguments, checked. @throws {PayoutCommandError} missing or malformed ones */
export function parsePayoutArgs(args: string[]): PayoutCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        mechanic: { type: 'string' },
        amount: { type: 'string' },
        reference: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new PayoutCommandError(`${(error as Error).message}\n${PAYOUT_USAGE}`, 2);
  }
  if (!values.mechanic || !values.amount || !values.reference?.trim()) {
    throw new PayoutCommandError(PAYOUT_USAGE, 2);
  }
  return {
    mechanicEmail: values.mechanic.trim(),
    amountCents: parseDollarAmount(values.amount),
    reference: values.reference,
  };
}

/**
 * Records the payout to the mechanic with that email (compared case-insensitively).
 *
 * @throws {PayoutCommandError} no mechanic has that email, or the reference is refused
 */
export async function recordPayoutByEmail(
  db: Database,
  command: PayoutCommand,
  recordedBy: string,
): Promise<RecordedPayout> {
  const [mechanic] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${command.mechanicEmail}) AND ${users.role} = 'mechanic'`);
  if (!mechanic) throw new PayoutCommandError(`No mechanic has the email ${command.mechanicEmail}`, 1);
  try {
    return await recordPayout(db, {
      mechanicUserId: mechanic.id,
      amountCents: command.amountCents,
      reference: command.reference,
      recordedBy,
    });
  } catch (error) {
    if (error instanceof InvalidSessionInputError) {
      throw new PayoutCommandError(error.issues.map((i) => `${i.path}: ${i.message}`).join('; '), 2);
    }
    if (error instanceof MechanicNotFoundError) {
      throw new PayoutCommandError(`No mechanic has the email ${command.mechanicEmail}`, 1);
    }
    throw error;
  }
}
