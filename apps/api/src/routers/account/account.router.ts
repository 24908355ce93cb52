import { createTRPCRouter, customerProcedure, protectedProcedure } from '../../trpc/init.ts';
import { deleteAccountHandler } from './delete-account.handler.ts';
import { deleteAccountInput } from './delete-account.schema.ts';
import { notificationPreferencesHandler } from './notification-preferences.handler.ts';
import { setNotificationPreferenceHandler } from './set-notification-preference.handler.ts';
import { setNotificationPreferenceInput } from './set-notification-preference.schema.ts';

/** The signed-in person's own account, whatever their role. */
export const accountRouter = createTRPCRouter({
  /** Which optional emails and push notifications are on (those the caller's role can get). */
  notificationPreferences: protectedProcedure.query(notificationPreferencesHandler),
  /** Turns one kind on or off; security email and receipts cannot be turned off (NOTIFICATION_REQUIRED). */
  setNotificationPreference: protectedProcedure
    .input(setNotificationPreferenceInput)
    .mutation(setNotificationPreferenceHandler),
  /**
   * Deletes the customer's account for good, confirmed with the password (INVALID_PASSWORD when
   * wrong; mechanics: FORBIDDEN): an active session is called off first, personal data erased,
   * sessions kept anonymised, every sign-in ended.
   */
  deleteAccount: customerProcedure.input(deleteAccountInput).mutation(deleteAccountHandler),
});
