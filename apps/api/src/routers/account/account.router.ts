import { createTRPCRouter, customerProcedure } from '../../trpc/init.ts';
import { deleteAccountHandler } from './delete-account.handler.ts';
import { deleteAccountInput } from './delete-account.schema.ts';

/** The signed-in person's own account. */
export const accountRouter = createTRPCRouter({
  /**
   * Deletes the customer's account for good, confirmed with the password (INVALID_PASSWORD when
   * wrong; mechanics: FORBIDDEN): an active session is called off first, personal data erased,
   * sessions kept anonymised, every sign-in ended.
   */
  deleteAccount: customerProcedure.input(deleteAccountInput).mutation(deleteAccountHandler),
});
