import type { AnyProcedure } from '@trpc/server';
import type { ZodType } from 'zod';
import { appRouter, type AppRouter } from '../router.ts';
import type { ProcedureMeta } from '../trpc/init.ts';
import type { ApiClient } from './api-client.ts';

type PathsOf<Record> = {
  [Key in keyof Record & string]: Record[Key] extends AnyProcedure ? Key : `${Key}.${PathsOf<Record[Key]>}`;
}[keyof Record & string];

/** Every procedure of the router by its path, e.g. `customer.session` (a misspelt one fails typecheck). */
export type ProcedurePath = PathsOf<AppRouter['_def']['record']>;

/** What the security suites need to know of a procedure, read off the router itself. */
export interface ProcedureInfo {
  path: ProcedurePath;
  type: 'query' | 'mutation' | 'subscription';
  access: ProcedureMeta['access'];
  /** Its input schema, or undefined when it takes none. */
  input: ZodType | undefined;
}

/** Every procedure of `appRouter`: a new procedure shows up here without anyone listing it. */
export const PROCEDURES_OF_ROUTER: readonly ProcedureInfo[] = Object.entries(
  // Typed as the nested record; at run time a flat one by path.
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).map(([path, procedure]) => {
  const meta = procedure._def.meta as ProcedureMeta | undefined;
  if (!meta) throw new Error(`${path} is not built from a procedure of trpc/init.ts (it has no access)`);
  return {
    path: path as ProcedurePath,
    type: procedure._def.type,
    access: meta.access,
    input: procedure._def.inputs[0] as ZodType | undefined,
  };
});

export function procedureInfo(path: ProcedurePath): ProcedureInfo {
  const info = PROCEDURES_OF_ROUTER.find((procedure) => procedure.path === path);
  if (!info) throw new Error(`No procedure ${path}`);
  return info;
}

/** The typed client's end for a procedure (`client.customer.session`), by path. */
export function clientProcedureOf(client: ApiClient, path: ProcedurePath): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client);
}

/** Calls a query or a mutation by path (a subscription is the caller's to follow). */
export function callProcedure(client: ApiClient, path: ProcedurePath, input: unknown): Promise<unknown> {
  const end = clientProcedureOf(client, path) as {
    query: (input: unknown) => Promise<unknown>;
    mutate: (input: unknown) => Promise<unknown>;
  };
  const { type } = procedureInfo(path);
  if (type === 'subscription') throw new Error(`${path} is a subscription`);
  return type === 'query' ? end.query(input) : end.mutate(input);
}
