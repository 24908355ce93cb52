import { listCreditLedger, type CreditLedgerPage } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { creditLedgerInput } from './credit-ledger.schema.ts';

/** Every change of the customer's credit balance, newest first, a page at a time. */
export async function creditLedgerHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof creditLedgerInput>;
}): Promise<CreditLedgerPage> {
  const { ctx, input } = options;
  return listCreditLedger(ctx.db, ctx.user.id, input);
}
