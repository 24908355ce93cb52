import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { intake } from './testing/fixtures.ts';
import { useTestApi } from './testing/test-api.ts';

const t = useTestApi();

describe('smoke', () => {
  it('starts a free session and refuses a second', async () => {
    const alice = await t.customer();
    const result = await alice.client.intake.startSession.mutate(intake());
    expect(result.kind).toBe('session');
    const error = await alice.client.intake.startSession.mutate(intake()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'CONFLICT', httpStatus: 409 });
  });
});
