import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { authSessionQuery, ENDS_SIGN_IN_META, onlyWhileSignedIn } from './auth-client.ts';

const signedIn = { id: 'u1', name: 'Casey', email: 'casey@example.com', emailVerified: true };

describe('onlyWhileSignedIn', () => {
  let unsubscribe = () => {};
  afterEach(() => unsubscribe());

  /** A client with a watched query that counts its fetches. */
  function setUp() {
    const queryClient = onlyWhileSignedIn(new QueryClient());
    queryClient.setQueryData(authSessionQuery.queryKey, signedIn);
    let fetches = 0;
    const observer = new QueryObserver(queryClient, {
      queryKey: ['customer', 'activeSession'],
      queryFn: () => ++fetches,
    });
    unsubscribe = observer.subscribe(() => {});
    return { queryClient, fetches: () => fetches };
  }

  it('asks nothing while a mutation that ends the sign-in is on its way, and again once it failed', async () => {
    const { queryClient, fetches } = setUp();
    await expect.poll(fetches).toBe(1);

    let refuse = (_error: Error) => {};
    const deleting = queryClient
      .getMutationCache()
      .build(queryClient, {
        meta: ENDS_SIGN_IN_META,
        mutationFn: () => new Promise((_resolve, reject) => (refuse = reject)),
      })
      .execute(undefined)
      .catch(() => 'refused');
    await expect.poll(() => queryClient.isMutating()).toBe(1);

    // A live event's refetch while the account is being deleted: not asked.
    await queryClient.invalidateQueries({ queryKey: ['customer'] });
    expect(fetches()).toBe(1);

    refuse(new Error('That is not your password'));
    expect(await deleting).toBe('refused');
    await queryClient.invalidateQueries({ queryKey: ['customer'] });
    expect(fetches()).toBe(2);
  });

  it('lets other mutations be: their live events refetch as ever', async () => {
    const { queryClient, fetches } = setUp();
    await expect.poll(fetches).toBe(1);
    let finish = () => {};
    const cancelling = queryClient
      .getMutationCache()
      .build(queryClient, { mutationFn: () => new Promise<void>((resolve) => (finish = resolve)) })
      .execute(undefined);
    await queryClient.invalidateQueries({ queryKey: ['customer'] });
    expect(fetches()).toBe(2);
    finish();
    await cancelling;
  });
});
