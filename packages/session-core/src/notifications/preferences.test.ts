import { useTestDatabase } from '@autodoctor/db/testing';
import { describe, expect, it } from 'vitest';
import { NotificationRequiredError } from '../errors.ts';
import { createCustomer } from '../test-fixtures.ts';
import { getNotificationPreferences, setNotificationPreference } from './preferences.ts';

const database = useTestDatabase();

describe('notification preferences', () => {
  it('turns an optional kind off and on again, idempotently', async () => {
    const userId = await createCustomer(database.db);
    expect((await getNotificationPreferences(database.db, userId)).email.session_live).toBe(true);
    for (let i = 0; i < 2; i++) {
      await setNotificationPreference(database.db, userId, {
        channel: 'email',
        kind: 'session_live',
        enabled: false,
      });
    }
    await setNotificationPreference(database.db, userId, {
      channel: 'push',
      kind: 'new_session',
      enabled: false,
    });
    const off = await getNotificationPreferences(database.db, userId);
    expect(off.email.session_live).toBe(false);
    expect(off.email.session_accepted).toBe(true);
    expect(off.push).toEqual({ new_session: false, quote_decided: true });
    await setNotificationPreference(database.db, userId, {
      channel: 'email',
      kind: 'session_live',
      enabled: true,
    });
    expect((await getNotificationPreferences(database.db, userId)).email.session_live).toBe(true);
  });

  it('refuses to turn off security mail and receipts', async () => {
    const userId = await createCustomer(database.db);
    for (const kind of ['reset_password', 'credit_purchase_receipt'] as const) {
      await expect(
        setNotificationPreference(database.db, userId, {
          channel: 'email',
          // A caller that skipped the type check (JSON from a link): refused all the same.
          kind: kind as unknown as 'session_live',
          enabled: false,
        }),
      ).rejects.toBeInstanceOf(NotificationRequiredError);
    }
  });
});
