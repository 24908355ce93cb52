import { createServer } from 'node:net';
import { connect } from '@autodoctor/db';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { appRouter } from '../router.ts';
import { LIMITED_QUERIES, limitCall, PROCEDURE_LIMITS, type ProcedureLimit } from './procedure-limits.ts';
import { RateLimiter, rateRulesOf } from './rate-limiter.ts';

// The flat path → procedure record tRPC keeps (typed as the nested routers).
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const mutations = Object.keys(procedures).filter((path) => procedures[path]!._def.type === 'mutation');
const limits: Record<string, readonly ProcedureLimit[] | undefined> = PROCEDURE_LIMITS;

const config = (env: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: 'postgres://u:p@localhost:5432/autodoctor',
    BETTER_AUTH_SECRET: 'x'.repeat(32),
    STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
    ...env,
  });

/** A port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('procedure rate limits (PROCEDURE_LIMITS)', () => {
  it('give every mutation of the router a limit, and name nothing else but the costly reads', () => {
    expect(mutations.length).toBeGreaterThan(10);
    const unlimited = mutations.filter((path) => !limits[path]?.length);
    expect(unlimited, 'mutations without a rate limit').toEqual([]);
    expect(LIMITED_QUERIES.every((path) => procedures[path]?._def.type === 'query')).toBe(true);
    expect(Object.keys(limits).sort()).toEqual([...mutations, ...LIMITED_QUERIES].sort());
  });

  it('count against settings that exist, each with its own counter', () => {
    const rules = rateRulesOf(config());
    for (const [path, declared] of Object.entries(limits)) {
      for (const limit of declared!) {
        expect(rules[limit.rule].max, `${path}: ${limit.rule}`).toBeGreaterThan(0);
      }
    }
    const counters = Object.values(limits).flatMap((declared) =>
      declared!.map((limit) => `${limit.store} ${limit.per} ${limit.counter}`),
    );
    expect(counters.length).toBe(new Set(counters).size);
  });

  it('count money in PostgreSQL, shared by every instance', () => {
    for (const path of ['intake.startSession', 'customer.buyCredits', 'customer.cancelSession']) {
      expect(limits[path]!.map((limit) => limit.store)).not.toContain('instance');
    }
    for (const path of ['room.send', 'room.typing', 'room.markRead']) {
      expect(limits[path]!.map((limit) => limit.store)).toEqual(['instance']);
    }
  });

  it('answer SERVICE_UNAVAILABLE (503) when a shared count cannot reach the database', async () => {
    const { db, close } = connect(`postgres://u:p@127.0.0.1:${await closedPort()}/autodoctor`, { max: 1 });
    try {
      const rateLimiter = new RateLimiter(db, rateRulesOf(config()));
      const refused = await limitCall(
        { rateLimiter, clientAddress: '192.0.2.1' },
        'customer.buyCredits',
        'u1',
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await close();
    }
  });
});
