import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';

const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
} as const;

/** Awaits a call that must fail with `code` (and its HTTP status); returns the error's data. */
export async function expectTRPCError(
  call: Promise<unknown>,
  code: keyof typeof HTTP_STATUS,
  data: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected ${code}, got a result: ${JSON.stringify(value)}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const errorData = (error as TRPCClientError<never>).data as unknown as Record<string, unknown>;
  expect(errorData).toMatchObject({ code, httpStatus: HTTP_STATUS[code], ...data });
  return errorData;
}
