import type { AnyTRPCRouter } from '@trpc/server';

/**
 * The paths of a router's mutations (`'customer.cancelSession'`): a table keyed by them
 * (CHANGE_EFFECTS, the API's PROCEDURE_LIMITS) `satisfies Record<MutationPathOf<AppRouter>, …>`.
 */
export type MutationPathOf<TRouter extends AnyTRPCRouter> = MutationPaths<TRouter['_def']['record']>;

type MutationPaths<TRecord, TPrefix extends string = ''> = {
  [K in keyof TRecord & string]: TRecord[K] extends { _def: { type: infer TType } }
    ? TType extends 'mutation'
      ? `${TPrefix}${K}`
      : never
    : MutationPaths<TRecord[K], `${TPrefix}${K}.`>;
}[keyof TRecord & string];
