/**
 * fast-check: random inputs to every query and mutation, as each kind of
 * caller, over raw HTTP: the answer is a typed 4xx (or, for a query, an
 * answer), never a 5xx, and nothing is written. Inputs the procedure's own
 * schema accepts are not random junk and are skipped (a valid intake rightly
 * makes a session). Subscriptions are covered by malformed-input.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { appRouter } from '../router.ts';
import type { TestUser } from '../testing/accounts.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { intake } from '../testing/fixtures.ts';
import { useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

const TYPED_4XX = new Set([
  'BAD_REQUEST',
  'PARSE_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

// Junk of every JSON shape, and objects with the procedures' own keys holding wrong-ish values.
const nearValid = fc.record(
  {
    type: fc.constantFrom('free', 'credit', 'paid', 'FREE', '', 'premium'),
    vehicle: fc.oneof(
      fc.record(
        {
          year: fc.oneof(fc.integer(), fc.string(), fc.double()),
          make: fc.string(),
          model: fc.string(),
          vin: fc.string(),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    concern: fc.oneof(fc.string({ maxLength: 3 }), fc.string({ unit: 'binary' }), fc.integer()),
    scheduledFor: fc.oneof(fc.string(), fc.integer(), fc.constant('2000-01-01T00:00:00Z')),
    sessionId: fc.oneof(fc.string(), fc.uuid({ version: 4 }), fc.integer()),
    assignmentId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    cursor: fc.oneof(fc.string(), fc.integer(), fc.jsonValue({ maxDepth: 1 })),
    limit: fc.oneof(fc.integer(), fc.double(), fc.string()),
    lastEventId: fc.oneof(fc.string(), fc.integer({ min: -5, max: 5 })),
    // An own "__proto__" key, as JSON.parse makes one (prototype pollution attempts).
    ['__proto__']: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const input = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nearValid);
// The body as sent: superjson's envelope usually, sometimes raw or broken JSON.
const body = fc.oneof(
  { weight: 4, arbitrary: input.map((value) => JSON.stringify({ json: value })) },
  { weight: 1, arbitrary: input.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string() },
);

const procedures = Object.entries(appRouter._def.procedures)
  .map(([path, procedure]) => {
    const def = (procedure as unknown as { _def: { type: string; inputs: ZodType[] } })._def;
    return { path, type: def.type, schema: def.inputs[0] };
  })
  .filter((procedure) => procedure.type !== 'subscription');

let callers: Record<'anonymous' | 'customer' | 'mechanic', string | undefined>;
beforeAll(async () => {
  const customer: TestUser = await t.customer();
  const mechanic: TestUser = await t.mechanic();
  // An ended session behind the customer, so history and session have something to refuse around.
  const started = await customer.client.intake.startSession.mutate(intake());
  if (started.kind !== 'session') throw new Error('expected a session');
  await customer.client.customer.cancelSession.mutate({ sessionId: started.session.id });
  callers = { anonymous: undefined, customer: customer.cookie, mechanic: mechanic.cookie };
});

/** Whether the procedure's own schema accepts this body's input (then it is not junk). */
function acceptedBySchema(schema: ZodType | undefined, sent: string): boolean {
  if (!schema) return false; // no input: whatever is sent is ignored
  try {
    const parsed = JSON.parse(sent) as { json?: unknown } | null;
    const value = parsed && typeof parsed === 'object' && 'json' in parsed ? parsed.json : undefined;
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

describe('random inputs to every procedure', () => {
  for (const procedure of procedures) {
    it(`${procedure.path}: a typed 4xx${procedure.type === 'query' ? ' or an answer' : ''}, never a 5xx, nothing written`, async () => {
      const before = await dbSnapshot(t.database.db);
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.constantFrom(...(Object.keys(callers) as (keyof typeof callers)[])),
          async (sent, who) => {
            if (procedure.type === 'mutation') fc.pre(!acceptedBySchema(procedure.schema, sent));
            const cookie = callers[who];
            const headers: Record<string, string> = cookie ? { cookie } : {};
            const response =
              procedure.type === 'query'
                ? await fetch(`${t.api.url}/trpc/${procedure.path}?input=${encodeURIComponent(sent)}`, {
                    headers,
                  })
                : await fetch(`${t.api.url}/trpc/${procedure.path}`, {
                    method: 'POST',
                    headers: { ...headers, 'content-type': 'application/json' },
                    body: sent,
                  });
            const text = await response.text();
            expect(response.status, text).toBeLessThan(500);
            if (procedure.type === 'mutation') expect(response.status, text).toBeGreaterThanOrEqual(400);
            if (response.status >= 400) {
              const error = (JSON.parse(text) as { error: { json: { data: { code: string } } } }).error.json;
              expect(TYPED_4XX.has(error.data.code), text).toBe(true);
            }
          },
        ),
        { numRuns: 40 },
      );
      expect(await dbSnapshot(t.database.db)).toEqual(before);
    });
  }
});
