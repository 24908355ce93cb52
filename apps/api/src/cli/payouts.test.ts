import { mechanicEarnings, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq } from '@autodoctor/db/orm';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDollarAmount, parsePayoutArgs, PayoutCommandError, recordPayoutByEmail } from './payouts.ts';

const database = useTestDatabase({ max: 5 });

async function user(role: 'customer' | 'mechanic') {
  const tag = randomUUID().slice(0, 8);
  const [row] = await database.db
    .insert(users)
    .values({ name: `${role} ${tag}`, email: `${role}-${tag}@example.test`, role })
    .returning();
  return row!;
}

const linesOf = (userId: string) =>
  database.db.select().from(mechanicEarnings).where(eq(mechanicEarnings.mechanicUserId, userId));

function refusal(run: () => unknown): { message: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof PayoutCommandError) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('pnpm payouts:record', () => {
  it('reads dollars exactly, and refuses anything that is not a positive amount with two decimals at most', () => {
    expect(parseDollarAmount('12.34')).toBe(1234);
    expect(parseDollarAmount('12.3')).toBe(1230);
    expect(parseDollarAmount('0.01')).toBe(1);
    expect(parseDollarAmount('1000000')).toBe(100_000_000);
    for (const bad of ['0', '0.00', '-1', '1e3', '12.345', '12,34', 'abc', '', '1000000.01', '0x10']) {
      expect(refusal(() => parseDollarAmount(bad))).toMatchObject({ exitCode: 2, message: /--amount/ });
    }
  });

  it('needs --mechanic, --amount and --reference', () => {
    expect(parsePayoutArgs(['--mechanic', 'a@b.test', '--amount', '5', '--reference', 'R1'])).toEqual({
      mechanicEmail: 'a@b.test',
      amountCents: 500,
      reference: 'R1',
    });
    for (const args of [
      ['--amount', '5', '--reference', 'R1'],
      ['--mechanic', 'a@b.test', '--reference', 'R1'],
      ['--mechanic', 'a@b.test', '--amount', '5', '--reference', '  '],
      ['--mechanic', 'a@b.test', '--amount', '5', '--reference', 'R1', '--unknown', 'x'],
    ]) {
      expect(refusal(() => parsePayoutArgs(args))).toMatchObject({ exitCode: 2, message: /usage/ });
    }
  });

  it('records a negative line for the mechanic with that email; refuses an unknown mechanic or a customer', async () => {
    const [mechanic, customer] = await Promise.all([user('mechanic'), user('customer')]);
    const payout = await recordPayoutByEmail(
      database.db,
      { mechanicEmail: mechanic.email.toUpperCase(), amountCents: 1234, reference: 'TR-9' },
      'cli:test',
    );
    expect(payout).toMatchObject({ mechanicUserId: mechanic.id, amountCents: -1234, reference: 'TR-9' });
    expect(await linesOf(mechanic.id)).toEqual([
      expect.objectContaining({
        kind: 'payout',
        amountCents: -1234,
        reference: 'TR-9',
        recordedBy: 'cli:test',
      }),
    ]);
    for (const mechanicEmail of ['nobody@example.test', customer.email]) {
      await expect(
        recordPayoutByEmail(database.db, { mechanicEmail, amountCents: 1, reference: 'R' }, 'cli:test'),
      ).rejects.toMatchObject({ exitCode: 1, message: `No mechanic has the email ${mechanicEmail}` });
    }
    await expect(
      recordPayoutByEmail(
        database.db,
        { mechanicEmail: mechanic.email, amountCents: 1, reference: 'x'.repeat(201) },
        't',
      ),
    ).rejects.toMatchObject({ exitCode: 2, message: /reference/ });
    expect(await linesOf(customer.id)).toEqual([]);
    expect(await linesOf(mechanic.id)).toHaveLength(1);
  });

  it('runs as a command: prints what it recorded, or why not with a non-zero exit', async () => {
    const mechanic = await user('mechanic');
    const script = fileURLToPath(new URL('./record-payout.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const run = (args: string[]) =>
      promisify(execFile)(tsx, ['--conditions=@autodoctor/source', script, ...args], {
        env: { ...process.env, DATABASE_URL: database.url },
      }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

    const recorded = await run(['--mechanic', mechanic.email, '--amount', '12.34', '--reference', 'REF-1']);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain(`Payout of $12.34 to ${mechanic.email} recorded`);
    const badAmount = await run(['--mechanic', mechanic.email, '--amount', '12.345', '--reference', 'REF-2']);
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toContain('--amount must be dollars');
    const unknown = await run(['--mechanic', 'nobody@example.test', '--amount', '1', '--reference', 'REF-3']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No mechanic has the email nobody@example.test');
    expect((await linesOf(mechanic.id)).map((line) => line.amountCents)).toEqual([-1234]);
  });
});
