import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { appRouter } from '../router.ts';
import { PROCEDURE_LIMITS, type ProcedureLimit } from './procedure-limits.ts';
import { rateRulesOf } from './rate-limiter.ts';

const procedures = Object.entries(appRouter._def.procedures) as [string, { _def: { type: string } }][];
const mutations = procedures.filter(([, procedure]) => procedure._def.type === 'mutation').map(([path]) => path);
const limits: Record<string, readonly ProcedureLimit[] | undefined> = PROCEDURE_LIMITS;

describe('procedure rate limits (PROCEDURE_LIMITS)', () => {
  it('give every mutation of the router a limit, and name nothing else', () => {
    expect(mutations.length).toBeGreaterThan(10);
    const unlimited = mutations.filter((path) => !limits[path]?.length);
    expect(unlimited, 'mutations without a rate limit').toEqual([]);
    expect(Object.keys(limits).sort()).toEqual([...mutations].sort());
  });

  it('count against settings that exist, each with its own counter', () => {
    const rules = rateRulesOf(
      loadConfig({
        DATABASE_URL: 'postgres://u:p@localhost:5432/autodoctor',
        BETTER_AUTH_SECRET: 'x'.repeat(32),
        STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
      }),
    );
    for (const [path, declared] of Object.entries(limits)) {
      for (const limit of declared!) {
        expect(rules[limit.rule], `${path}: ${limit.rule}`).toMatchObject({ max: expect.any(Number) });
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
});
