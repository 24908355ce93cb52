/**
 * Hundreds of malformed inputs, through the typed client and as raw HTTP:
 * every one must be refused with a 4xx and a tRPC error code (never a 5xx),
 * and none may write anything. Generated inputs come from a seeded generator,
 * so every run sends the same ones.
 */
import { grantCredits } from '@autodoctor/session-core';
import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { WEBHOOK_SIGNATURE_MESSAGE } from '../http/app.ts';
import { BODY_LIMITS, bodyTooLargeMessage, TRPC_MAX_BATCH_CALLS } from '../http/body-limits.ts';
import { INVALID_UNSUBSCRIBE_LINK_MESSAGE } from '../http/unsubscribe-routes.ts';
import type { AppRouter } from '../router.ts';
import { MALFORMED_INPUT_MESSAGE, MAX_INPUT_DEPTH, TOO_DEEP_MESSAGE } from '../trpc/malformed-input.ts';
import type { TestUser } from '../testing/accounts.ts';
import type { ApiClient } from '../testing/api-client.ts';
import { summary, intake } from '../testing/fixtures.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import {
  callProcedure,
  clientProcedureOf,
  procedureInfo,
  PROCEDURES_OF_ROUTER,
  type ProcedurePath,
} from '../testing/procedures.ts';
import { useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

/** Object.prototype as it was before any request: the API runs in this process. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------------------
// Nothing written: row counts (and a digest of the rows) of every table a request could write.
// ---------------------------------------------------------------------------

const tableState = () => dbSnapshot(t.database.db);

// ---------------------------------------------------------------------------
// The world: a customer M with credits and a past session but no active one (so
// an accidentally accepted intake would write), a free mechanic N (so an
// accidentally accepted accept would write), and O's session waiting in the queue.
// ---------------------------------------------------------------------------

interface World {
  M: TestUser;
  N: TestUser;
  /** An operator (the operations console's procedures). */
  P: TestUser;
  /** M's ended session (N ran it). */
  sM0: string;
  /** O's pending session and its queued assignment. */
  sO: string;
  aO: string;
  /** N's quote of sM0, sent to M (an accepted decision would write), and its lines. */
  qM0: string;
  linesOfM0: string[];
}

let world: World;

beforeAll(async () => {
  const M = await t.customer('Mallory Malformed');
  const N = await t.mechanic('Nina Malformed');
  const P = await t.operator('Pat Malformed');
  const O = await t.customer('Oscar Malformed');
  await grantCredits(t.database.db, M.userId, 3);
  const first = await M.client.intake.startSession.mutate(intake());
  if (first.kind !== 'session') throw new Error('expected a session');
  const sM0 = first.session.id;
  const queue = async () => (await N.client.mechanic.queue.query()).entries;
  await N.client.mechanic.accept.mutate({
    assignmentId: (await queue()).find((e) => e.sessionId === sM0)!.assignmentId,
  });
  await N.client.mechanic.startSession.mutate({ sessionId: sM0 });
  await N.client.mechanic.endSession.mutate({ sessionId: sM0, summary: summary() });
  const second = await O.client.intake.startSession.mutate(intake());
  if (second.kind !== 'session') throw new Error('expected a session');
  const sO = second.session.id;
  const aO = (await queue()).find((e) => e.sessionId === sO)!.assignmentId;
  const draft = await N.client.mechanic.saveQuoteDraft.mutate({ sessionId: sM0, quote: validQuote });
  const qM0 = await N.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
  world = { M, N, P, sM0, sO, aO, qM0: qM0.id, linesOfM0: qM0.lines.map((l) => l.id) };
});

// ---------------------------------------------------------------------------
// What a refusal looks like.
// ---------------------------------------------------------------------------

const REFUSAL_CODES = [
  'BAD_REQUEST',
  'PARSE_ERROR',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
];

/**
 * What a library's or the runtime's own error message looks like: a parser's exception ("Unexpected
 * token …", "identicalPaths.map is not a function", "Maximum call stack size exceeded") or zod's
 * JSON dump of its issues. A refusal says what was wrong in our words instead.
 */
const LIBRARY_MESSAGE =
  /is not a function|Cannot (read|destructure|convert|set)|call stack|in JSON|valid JSON|JSON input|Unexpected (token|end|non-whitespace)|Unterminated|not allowed as a property|Unknown transformation|BigInt|^\s*[[{]/;

/** What came back: the HTTP status the error names, its tRPC code, its message. */
interface Answer {
  httpStatus: number;
  code: string;
  message: string;
}

const ACCEPTED = (what: string): Answer => ({ httpStatus: 200, code: 'ACCEPTED', message: what });

function answerOfError(error: unknown): Answer {
  if (error instanceof TRPCClientError) {
    const { data, message, meta } = error as TRPCClientError<AppRouter>;
    const status = (meta?.response as Response | undefined)?.status;
    return { httpStatus: data?.httpStatus ?? status ?? 0, code: data?.code ?? 'NO_TRPC_CODE', message };
  }
  return { httpStatus: 0, code: 'NOT_A_TRPC_ERROR', message: String(error) };
}

function expectRefused(answers: Answer[]): void {
  expect(answers.length).toBeGreaterThan(0);
  for (const answer of answers) {
    expect({
      ...answer,
      message: answer.message.slice(0, 300),
      isClientError: answer.httpStatus >= 400 && answer.httpStatus <= 499,
      isRefusalCode: REFUSAL_CODES.includes(answer.code),
    }).toMatchObject({ isClientError: true, isRefusalCode: true });
    expect(answer.message).not.toMatch(LIBRARY_MESSAGE);
  }
}

// ---------------------------------------------------------------------------
// Calling a procedure with anything.
// ---------------------------------------------------------------------------

interface Subscribable {
  subscribe: (
    input: never,
    handlers: {
      onData?: (value: unknown) => void;
      onError?: (error: unknown) => void;
      onConnectionStateChange?: (state: { state: string; error: unknown }) => void;
    },
  ) => { unsubscribe: () => void };
}

/**
 * A subscription's answer: its first event (accepted) or its error. A server
 * error (5xx) is retried by the link instead of ending the subscription: it
 * shows as a connection state with an error, and counts as the answer too.
 */
function subscriptionAnswer(procedure: unknown, input: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      queueMicrotask(() => subscription.unsubscribe());
      resolve(answer);
    };
    const subscription = (procedure as Subscribable).subscribe(input as never, {
      onData: () => settle(ACCEPTED('the subscription delivered an event')),
      onError: (error) => settle(answerOfError(error)),
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error) settle(answerOfError(state.error));
      },
    });
  });
}

async function callAnswer(run: () => Promise<unknown>): Promise<Answer> {
  try {
    await run();
    return ACCEPTED('the call succeeded');
  } catch (error) {
    return answerOfError(error);
  }
}

type Role = 'customer' | 'mechanic' | 'operator';

// ---------------------------------------------------------------------------
// Hand-written malformed inputs.
// ---------------------------------------------------------------------------

const UNKNOWN_UUID = '5b0c3c1e-8a2f-4c3e-9d7a-1f2e3d4c5b6a';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const past = new Date('2020-01-01T00:00:00.000Z');
const nextYear = new Date().getUTCFullYear() + 1;

/** An input, or a function of the world making one. */
type Input = unknown;
interface TypedCase {
  name: string;
  procedure: Procedure;
  input: Input;
  /** Who calls (default: the procedure's role). */
  as?: Role | 'anonymous';
}

const resolve = (input: Input, w: World): unknown =>
  typeof input === 'function' ? (input as (w: World) => unknown)(w) : input;

/** Inputs where only a session id is expected; `long` is the length of the huge string (short on GET). */
function badSessionIds(long: number): [string, Input][] {
  return [
    ['no input', undefined],
    ['null', null],
    ['empty object', {}],
    ['an array holding a uuid', [UNKNOWN_UUID]],
    ['a bare uuid string', UNKNOWN_UUID],
    ['a number', 42],
    ['true', true],
    ['sessionId: number', { sessionId: 42 }],
    ['sessionId: null', { sessionId: null }],
    ['sessionId: ""', { sessionId: '' }],
    ['sessionId: not a uuid', { sessionId: 'not-a-uuid' }],
    [
      'sessionId: uuid without dashes (Postgres would take it)',
      { sessionId: UNKNOWN_UUID.replaceAll('-', '') },
    ],
    ['sessionId: uuid in braces (Postgres would take it)', { sessionId: `{${UNKNOWN_UUID}}` }],
    ['sessionId: uuid + SQL', { sessionId: `${UNKNOWN_UUID}' OR '1'='1` }],
    ['sessionId: SQL injection', { sessionId: "'; DROP TABLE sessions; --" }],
    ['sessionId: uuid + NUL', { sessionId: `${UNKNOWN_UUID}\u0000` }],
    ['sessionId: uuid + newline', { sessionId: `${UNKNOWN_UUID}\n` }],
    ['sessionId: unicode hyphens', { sessionId: UNKNOWN_UUID.replaceAll('-', '\u2010') }],
    ['sessionId: fullwidth digits', { sessionId: '５b0c3c1e-8a2f-4c3e-9d7a-1f2e3d4c5b6a' }],
    ['sessionId: huge string', { sessionId: 'a'.repeat(long) }],
    ['sessionId: Date', { sessionId: new Date() }],
    ['sessionId: bigint', { sessionId: 12n }],
    ['sessionId: array of uuids', { sessionId: [UNKNOWN_UUID, UNKNOWN_UUID] }],
    ['sessionId: nested object', { sessionId: { sessionId: UNKNOWN_UUID } }],
    ['nil uuid (well-formed, names nothing)', { sessionId: '00000000-0000-0000-0000-000000000000' }],
    ['max uuid (well-formed, names nothing)', { sessionId: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }],
  ];
}

const badLastEventIds: [string, unknown][] = [
  ['letters', 'abc'],
  ['negative', '-1'],
  ['decimal', '1.5'],
  ['exponent', '1e3'],
  ['hex', '0x1A'],
  ['19 digits', '9'.repeat(19)],
  ['empty string', ''],
  ['leading space', ' 1'],
  ['Arabic-Indic digits', '١٢٣'],
  ['NUL', '1\u0000'],
  ['a number', 5],
  ['true', true],
  ['an object', {}],
  ['an array', ['1']],
  ['a bigint', 1n],
];

const validVehicle = { year: 2017, make: 'Honda', model: 'Civic' };
const intakeWith = (overrides: Record<string, unknown>) => intake(overrides);
const vehicleWith = (overrides: Record<string, unknown>) =>
  intake({ vehicle: { ...validVehicle, ...overrides } });
const intakeWithout = (key: string) => {
  const value: Record<string, unknown> = intake();
  delete value[key];
  return value;
};

const INTAKE_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['an array', [intake()]],
  ['a string', 'free'],
  ['a number', 42],
  ['empty object', {}],
  ['no type', intakeWithout('type')],
  ['no vehicle', intakeWithout('vehicle')],
  ['no concern', intakeWithout('concern')],
  ['type: unknown', intakeWith({ type: 'premium' })],
  ['type: FREE', intakeWith({ type: 'FREE' })],
  ['type: ""', intakeWith({ type: '' })],
  ['type: null', intakeWith({ type: null })],
  ['type: 0', intakeWith({ type: 0 })],
  ['type: ["free"]', intakeWith({ type: ['free'] })],
  ['type: "free" + NUL', intakeWith({ type: 'free\u0000' })],
  ['type: "paid " (trailing space)', intakeWith({ type: 'paid ' })],
  ['vehicle: null', intakeWith({ vehicle: null })],
  ['vehicle: []', intakeWith({ vehicle: [] })],
  ['vehicle: a string', intakeWith({ vehicle: 'Honda Civic 2017' })],
  ['vehicle: {}', intakeWith({ vehicle: {} })],
  ['year: "2017"', vehicleWith({ year: '2017' })],
  ['year: 2017.5', vehicleWith({ year: 2017.5 })],
  ['year: -2017', vehicleWith({ year: -2017 })],
  ['year: 0', vehicleWith({ year: 0 })],
  ['year: 1885 (before the first car)', vehicleWith({ year: 1885 })],
  ['year: two years ahead', vehicleWith({ year: nextYear + 1 })],
  ['year: NaN', vehicleWith({ year: Number.NaN })],
  ['year: Infinity', vehicleWith({ year: Number.POSITIVE_INFINITY })],
  ['year: -0', vehicleWith({ year: -0 })],
  ['year: bigint', vehicleWith({ year: 2017n })],
  ['year: 1e308', vehicleWith({ year: 1e308 })],
  ['year: MAX_SAFE_INTEGER + 2', vehicleWith({ year: Number.MAX_SAFE_INTEGER + 2 })],
  ['year: Date', vehicleWith({ year: new Date('2017-01-01') })],
  ['year: missing', intakeWith({ vehicle: { make: 'Honda', model: 'Civic' } })],
  ['make: ""', vehicleWith({ make: '' })],
  ['make: blanks', vehicleWith({ make: ' \t\n ' })],
  ['make: 61 characters', vehicleWith({ make: 'M'.repeat(61) })],
  ['make: 200 000 characters', vehicleWith({ make: 'M'.repeat(200_000) })],
  ['make: 61 emoji', vehicleWith({ make: '🚗'.repeat(61) })],
  ['make: 31 combining sequences', vehicleWith({ make: 'e\u0301'.repeat(31) })],
  ['make: right-to-left override, too long', vehicleWith({ make: '\u202E'.repeat(61) })],
  ['make: a number', vehicleWith({ make: 123 })],
  ['make: null', vehicleWith({ make: null })],
  ['make: an object', vehicleWith({ make: { toString: 'Honda' } })],
  ['model: missing', intakeWith({ vehicle: { year: 2017, make: 'Honda' } })],
  ['model: an array', vehicleWith({ model: ['Civic'] })],
  ['model: a Map', vehicleWith({ model: new Map([['name', 'Civic']]) })],
  ['vin: too short', vehicleWith({ vin: '1HGCM82633A' })],
  ['vin: 18 characters', vehicleWith({ vin: '1HGCM82633A0043521' })],
  ['vin: with I', vehicleWith({ vin: '1HGCM82633A00435I' })],
  ['vin: with O', vehicleWith({ vin: '1HGCM82633A00435O' })],
  ['vin: with Q', vehicleWith({ vin: '1HGCM82633A00435Q' })],
  ['vin: dotless ı (upper-cases to I)', vehicleWith({ vin: '1HGCM82633A00435ı' })],
  ['vin: a space inside', vehicleWith({ vin: '1HGCM826 3A004352' })],
  ['vin: fullwidth digits', vehicleWith({ vin: '１'.repeat(17) })],
  ['vin: NUL characters', vehicleWith({ vin: '\u0000'.repeat(17) })],
  ['vin: a number', vehicleWith({ vin: 12345678901234568 })],
  ['vin: null', vehicleWith({ vin: null })],
  ['vin: ""', vehicleWith({ vin: '' })],
  ['concern: ""', intakeWith({ concern: '' })],
  ['concern: 9 characters', intakeWith({ concern: 'too short' })],
  ['concern: only blanks', intakeWith({ concern: ' '.repeat(50) })],
  ['concern: only newlines', intakeWith({ concern: '\n\r\t'.repeat(20) })],
  ['concern: 2001 characters', intakeWith({ concern: 'c'.repeat(2001) })],
  ['concern: 1 000 000 characters', intakeWith({ concern: 'c'.repeat(1_000_000) })],
  ['concern: a number', intakeWith({ concern: 1234567890123 })],
  ['concern: an array of strings', intakeWith({ concern: ['Grinding noise when braking'] })],
  ['concern: an object', intakeWith({ concern: { text: 'Grinding noise when braking' } })],
  ['scheduledFor: "yesterday"', intakeWith({ scheduledFor: 'yesterday' })],
  ['scheduledFor: not a date', intakeWith({ scheduledFor: 'not a date' })],
  ['scheduledFor: ""', intakeWith({ scheduledFor: '' })],
  ['scheduledFor: in the past (ISO)', intakeWith({ scheduledFor: past.toISOString() })],
  ['scheduledFor: in the past (Date)', intakeWith({ scheduledFor: past })],
  ['scheduledFor: epoch', intakeWith({ scheduledFor: new Date(0) })],
  ['scheduledFor: a minute ago (number)', intakeWith({ scheduledFor: Date.now() - 60_000 })],
  ['scheduledFor: invalid Date', intakeWith({ scheduledFor: new Date('nope') })],
  ['scheduledFor: month 13', intakeWith({ scheduledFor: '2099-13-45T99:99:99Z' })],
  ['scheduledFor: null', intakeWith({ scheduledFor: null })],
  ['scheduledFor: true', intakeWith({ scheduledFor: true })],
  ['scheduledFor: an object', intakeWith({ scheduledFor: {} })],
  ['scheduledFor: NaN', intakeWith({ scheduledFor: Number.NaN })],
  ['scheduledFor: beyond the last JS date', intakeWith({ scheduledFor: 8.64e15 + 1 })],
  [
    'extra keys (customerUserId, role, isAdmin) around a bad type',
    { ...intake(), type: 'nope', customerUserId: 'someone', role: 'mechanic', isAdmin: true },
  ],
  ['a 1 000-level nested vehicle', intakeWith({ vehicle: nested(1_000) })],
  // Valid for the schema, impossible for the database: these must still be a 4xx.
  ['[db] make with a NUL character', vehicleWith({ make: 'Hon\u0000da' })],
  ['[db] model with a NUL character', vehicleWith({ model: 'Civ\u0000ic' })],
  ['[db] concern with a NUL character', intakeWith({ concern: 'Grinding noise\u0000 when braking' })],
  [
    '[db] paid, concern with a NUL character',
    intakeWith({ type: 'paid', concern: 'Grinding\u0000 noise on braking' }),
  ],
  [
    '[db] scheduledFor in the year 10000',
    intakeWith({ scheduledFor: new Date('+010000-01-01T00:00:00.000Z') }),
  ],
  ['[db] scheduledFor at the last JS date', intakeWith({ scheduledFor: '+275760-09-13T00:00:00.000Z' })],
];

function nested(depth: number): unknown {
  let value: unknown = { year: 2017 };
  for (let i = 0; i < depth; i++) value = { vehicle: value };
  return value;
}

const someDate = '2025-01-01T00:00:00.000Z';
const HISTORY_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['an array', [{ limit: 5 }]],
  ['a string', 'limit=5'],
  ['limit: 0', { limit: 0 }],
  ['limit: -1', { limit: -1 }],
  ['limit: 51', { limit: 51 }],
  ['limit: 1.5', { limit: 1.5 }],
  ['limit: "10"', { limit: '10' }],
  ['limit: null', { limit: null }],
  ['limit: NaN', { limit: Number.NaN }],
  ['limit: Infinity', { limit: Number.POSITIVE_INFINITY }],
  ['limit: -0', { limit: -0 }],
  ['limit: bigint', { limit: 10n }],
  ['limit: 1e308', { limit: 1e308 }],
  ['limit: an array', { limit: [10] }],
  ['cursor: a number', { cursor: 5 }],
  ['cursor: an object', { cursor: {} }],
  ['cursor: 201 characters', { cursor: 'c'.repeat(201) }],
  ['cursor: not base64', { cursor: 'not base64 !!' }],
  ['cursor: a JSON string', { cursor: b64('just a string') }],
  ['cursor: an empty JSON array', { cursor: b64([]) }],
  ['cursor: JSON null', { cursor: b64(null) }],
  ['cursor: JSON number', { cursor: b64(1) }],
  ['cursor: not a date', { cursor: b64(['not a date', UNKNOWN_UUID]) }],
  ['cursor: Infinity as date', { cursor: Buffer.from(`[1e400, "${UNKNOWN_UUID}"]`).toString('base64url') }],
  ['cursor: not a uuid', { cursor: b64([someDate, 'not-a-uuid']) }],
  ['cursor: uuid as number', { cursor: b64([someDate, 42]) }],
  ['cursor: an object', { cursor: b64({ createdAt: someDate, id: UNKNOWN_UUID }) }],
  ['cursor: NUL', { cursor: '\u0000' }],
  ['cursor: emoji', { cursor: '🚗'.repeat(50) }],
  [
    'cursor: own __proto__ key',
    { cursor: b64(JSON.parse(`{"__proto__": ["${someDate}", "${UNKNOWN_UUID}"]}`)) },
  ],
  // Well-formed cursors whose date the database cannot take: these must still be a 4xx.
  ['[db] cursor dated year 0', { cursor: b64(['0000-01-01T00:00:00.000Z', UNKNOWN_UUID]) }],
  ['[db] cursor dated at the first JS date', { cursor: b64(['-271821-04-20T00:00:00.000Z', UNKNOWN_UUID]) }],
  ['[db] cursor dated at the last JS date', { cursor: b64(['+275760-09-13T00:00:00.000Z', UNKNOWN_UUID]) }],
];

const ACCEPT_CASES: [string, Input][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['a bare uuid', (w: World) => w.aO],
  ['an array holding the queued assignment', (w: World) => [{ assignmentId: w.aO }]],
  ['assignmentId: number', { assignmentId: 1 }],
  ['assignmentId: null', { assignmentId: null }],
  ['assignmentId: not a uuid', { assignmentId: 'first-come' }],
  ['assignmentId: huge string', { assignmentId: 'a'.repeat(200_000) }],
  ['the queued assignment without dashes', (w: World) => ({ assignmentId: w.aO.replaceAll('-', '') })],
  ['the queued assignment in braces', (w: World) => ({ assignmentId: `{${w.aO}}` })],
  ['the queued assignment + space', (w: World) => ({ assignmentId: `${w.aO} ` })],
  ['the queued assignment in an array', (w: World) => ({ assignmentId: [w.aO] })],
  ['the queued assignment in an object', (w: World) => ({ assignmentId: { id: w.aO } })],
  ['a session id named as an assignment id', (w: World) => ({ sessionId: w.sO })],
  ['nil uuid (well-formed, names nothing)', { assignmentId: '00000000-0000-0000-0000-000000000000' }],
];

const SET_AVAILABILITY_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['a bare true', true],
  ['a string', 'online'],
  ['an array', [{ online: true }]],
  ['online: "true"', { online: 'true' }],
  ['online: "false"', { online: 'false' }],
  ['online: 1', { online: 1 }],
  ['online: 0', { online: 0 }],
  ['online: null', { online: null }],
  ['online: [true]', { online: [true] }],
  ['online: an object', { online: { value: true } }],
  ['online: a Date', { online: new Date() }],
  ['another key only', { available: true }],
];

/** A heartbeat takes no input: whatever is sent is refused. */
const PANEL = {
  panelId: 'sessions_created',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  timeZone: 'UTC',
  bucket: 'day',
};
const PANEL_CASES: [string, unknown][] = [
  ['an unknown panel', { ...PANEL, panelId: 'everything' }],
  ['from after to', { ...PANEL, from: PANEL.to, to: PANEL.from }],
  ['an empty range', { ...PANEL, to: PANEL.from }],
  ['a range over 366 days', { ...PANEL, from: '2024-01-01T00:00:00.000Z' }],
  ['hour buckets over 30 days', { ...PANEL, bucket: 'hour' }],
  ['a week bucket', { ...PANEL, bucket: 'week' }],
  ['a made-up time zone', { ...PANEL, timeZone: 'Mars/Olympus_Mons' }],
  ['a time zone of 65 characters', { ...PANEL, timeZone: 'A'.repeat(65) }],
  ['a date without a time', { ...PANEL, from: '2026-11-01' }],
  ['a number for a date', { ...PANEL, from: 1_780_000_000_000 }],
];

const PAYOUT = { mechanicUserId: UNKNOWN_UUID, amountCents: 12_345, reference: 'Transfer 2026-12-07' };
const PAYOUT_CASES: [string, unknown][] = [
  ['no amount', { ...PAYOUT, amountCents: undefined }],
  ['a zero amount', { ...PAYOUT, amountCents: 0 }],
  ['a negative amount', { ...PAYOUT, amountCents: -100 }],
  ['a fraction of a cent', { ...PAYOUT, amountCents: 10.5 }],
  ['an amount as text', { ...PAYOUT, amountCents: '123.45' }],
  ['over $1,000,000', { ...PAYOUT, amountCents: 100_000_001 }],
  ['a blank reference', { ...PAYOUT, reference: '   ' }],
  ['a reference of 201 characters', { ...PAYOUT, reference: 'R'.repeat(201) }],
  ['a mechanic id of 65 characters', { ...PAYOUT, mechanicUserId: 'm'.repeat(65) }],
  ['no mechanic', { ...PAYOUT, mechanicUserId: undefined }],
];

// Only ever a base for a broken field: sent as it is, it would invite someone.
const INVITATION = { email: 'invitee-malformed@test.autodoctor', name: 'Ivy Invitee' };
const INVITATION_CASES: [string, unknown][] = [
  ['no email', { name: INVITATION.name }],
  ['not an email', { ...INVITATION, email: 'ivy at example' }],
  ['an email of 255 characters', { ...INVITATION, email: `${'i'.repeat(240)}@test.autodoctor` }],
  ['an email as a list', { ...INVITATION, email: [INVITATION.email] }],
  ['no name', { email: INVITATION.email }],
  ['a blank name', { ...INVITATION, name: '   ' }],
  ['a name of 101 characters', { ...INVITATION, name: 'I'.repeat(101) }],
  ['a NUL in the name', { ...INVITATION, name: 'Ivy\u0000' }],
  ['a name as a number', { ...INVITATION, name: 42 }],
];

const SESSIONS_CASES: [string, unknown][] = [
  ['an unknown status', { status: 'lost' }],
  ['a query of 255 characters', { query: 'q'.repeat(255) }],
  ['a date without a time', { createdFrom: '2026-11-01' }],
  ['a number for a date', { createdTo: 1_780_000_000_000 }],
  ['a query that is a list', { query: ['a', 'b'] }],
];

const TRANSCRIPT = { sessionId: UNKNOWN_UUID, reason: 'Ticket 4411' };
const TRANSCRIPT_CASES: [string, unknown][] = [
  ['no reason', { sessionId: UNKNOWN_UUID }],
  ['a blank reason', { ...TRANSCRIPT, reason: '   ' }],
  ['a reason of 2 characters', { ...TRANSCRIPT, reason: 'ok' }],
  ['a reason of 501 characters', { ...TRANSCRIPT, reason: 'r'.repeat(501) }],
  ['a session id of 65 characters', { ...TRANSCRIPT, sessionId: 's'.repeat(65) }],
];

const MECHANIC_ACCESS = { mechanicUserId: UNKNOWN_UUID, reason: 'Ticket 4412' };
const MECHANIC_ACCESS_CASES: [string, unknown][] = [
  ['no reason', { mechanicUserId: UNKNOWN_UUID }],
  ['a blank reason', { ...MECHANIC_ACCESS, reason: '   ' }],
  ['a reason of 501 characters', { ...MECHANIC_ACCESS, reason: 'r'.repeat(501) }],
  ['no mechanic', { reason: 'Ticket 4412' }],
  ['a mechanic id of 65 characters', { ...MECHANIC_ACCESS, mechanicUserId: 'm'.repeat(65) }],
];

const HEARTBEAT_CASES: [string, unknown][] = [
  ['null', null],
  ['empty object', {}],
  ['online: true', { online: true }],
  ['a string', 'beat'],
  ['a number', 0],
  ['false', false],
  ['an array', []],
  ['a Date', new Date()],
  ['mechanicUserId of someone', { mechanicUserId: UNKNOWN_UUID }],
];

/** A browser's push subscription, well-formed (its key a P-256 point; the endpoint names no device). */
const PUSH_P256DH = 'BI_SOf81r0WkLlhpY9xBTL1JT8zCPVn88pEFxkE-CvZD3F8yhAjwiL6OQuLfPrUQMVxtqt6mch8_gQ5pVDSgNJ4';
const PUSH_AUTH = 'tBHItJI5svbpez7KI4CCXg';
const validPush = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/malformed-test',
  keys: { p256dh: PUSH_P256DH, auth: PUSH_AUTH },
};
const pushWith = (overrides: Record<string, unknown>) => ({ ...validPush, ...overrides });
const pushKeysWith = (keys: Record<string, unknown>) => ({
  ...validPush,
  keys: { ...validPush.keys, ...keys },
});

const SUBSCRIBE_PUSH_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['an array', [validPush]],
  ['a bare endpoint', validPush.endpoint],
  ['endpoint: missing', { keys: validPush.keys }],
  ['endpoint: http', pushWith({ endpoint: 'http://fcm.googleapis.com/fcm/send/x' })],
  ['endpoint: javascript:', pushWith({ endpoint: 'javascript:alert(1)' })],
  ['endpoint: not a URL', pushWith({ endpoint: 'fcm send x' })],
  ['endpoint: 1025 characters', pushWith({ endpoint: `https://fcm.googleapis.com/${'x'.repeat(998)}` })],
  ['endpoint: huge string', pushWith({ endpoint: `https://fcm.googleapis.com/${'x'.repeat(200_000)}` })],
  ['endpoint: a number', pushWith({ endpoint: 443 })],
  ['keys: missing', { endpoint: validPush.endpoint }],
  ['keys: null', pushWith({ keys: null })],
  ['keys: a string', pushWith({ keys: PUSH_P256DH })],
  ['p256dh: missing', pushWith({ keys: { auth: PUSH_AUTH } })],
  ['p256dh: not on the curve', pushKeysWith({ p256dh: Buffer.alloc(65, 7).toString('base64url') })],
  ['p256dh: 64 bytes', pushKeysWith({ p256dh: Buffer.alloc(64, 4).toString('base64url') })],
  [
    'p256dh: standard base64 (+ and /)',
    pushKeysWith({ p256dh: PUSH_P256DH.replaceAll('_', '/').replaceAll('-', '+') }),
  ],
  ['p256dh: NUL', pushKeysWith({ p256dh: `${PUSH_P256DH.slice(0, -1)}\u0000` })],
  ['auth: missing', pushWith({ keys: { p256dh: PUSH_P256DH } })],
  ['auth: 15 bytes', pushKeysWith({ auth: Buffer.alloc(15, 1).toString('base64url') })],
  ['auth: huge string', pushKeysWith({ auth: 'a'.repeat(200_000) })],
  ['auth: a number', pushKeysWith({ auth: 16 })],
];

const UNSUBSCRIBE_PUSH_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['a bare endpoint', validPush.endpoint],
  ['endpoint: http', { endpoint: 'http://fcm.googleapis.com/fcm/send/x' }],
  ['endpoint: not a URL', { endpoint: "'; DELETE FROM push_subscriptions; --" }],
  ['endpoint: huge string', { endpoint: `https://fcm.googleapis.com/${'x'.repeat(200_000)}` }],
  ['endpoint: an array', { endpoint: [validPush.endpoint] }],
];

const QUEUE_FEED_CASES: [string, unknown][] = [
  ['null', null],
  ['a string', '5'],
  ['a number', 5],
  ['an array', []],
  ...badLastEventIds.map(([name, value]): [string, unknown] => [
    `lastEventId: ${name}`,
    { lastEventId: value },
  ]),
];

/** `account.deleteAccount`: the password, a string of 1 to 128 characters. */
const DELETE_ACCOUNT_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['a bare password', 'correct horse battery'],
  ['password: empty', { password: '' }],
  ['password: 129 characters', { password: 'p'.repeat(129) }],
  ['password: 100,000 characters', { password: 'p'.repeat(100_000) }],
  ['password: a number', { password: 12345678 }],
  ['password: null', { password: null }],
  ['password: an array', { password: ['correct horse battery'] }],
  ['password: an object', { password: { value: 'correct horse battery' } }],
];

/** `mechanic.earnings`: an IANA time zone name, nothing else. */
const TIME_ZONE_CASES: [string, unknown][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['a bare zone', 'UTC'],
  ['timeZone: unknown', { timeZone: 'Mars/Olympus' }],
  ['timeZone: empty', { timeZone: '' }],
  ['timeZone: an offset', { timeZone: '+05:30' }],
  ['timeZone: a number', { timeZone: 0 }],
  ['timeZone: an array', { timeZone: ['UTC'] }],
  ['timeZone: SQL', { timeZone: "UTC'; DROP TABLE users; --" }],
  ['timeZone: NUL', { timeZone: 'UTC\u0000' }],
  ['timeZone: 65 characters', { timeZone: `Europe/${'x'.repeat(58)}` }],
];

/** `customer.rateSession`: M's ended session (so a valid input would write), with bad stars or comment. */
const RATE_CASES: [string, Input][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['no stars', (w: World) => ({ sessionId: w.sM0 })],
  ...(
    [
      ['stars: 0', 0],
      ['stars: 6', 6],
      ['stars: -1', -1],
      ['stars: 4.5', 4.5],
      ['stars: "5"', '5'],
      ['stars: NaN', Number.NaN],
      ['stars: Infinity', Number.POSITIVE_INFINITY],
      ['stars: null', null],
      ['stars: [5]', [5]],
      ['stars: true', true],
    ] as const
  ).map(([name, stars]): [string, Input] => [name, (w: World) => ({ sessionId: w.sM0, stars })]),
  ['comment: 1,001 characters', (w: World) => ({ sessionId: w.sM0, stars: 5, comment: 'x'.repeat(1001) })],
  ['comment: a number', (w: World) => ({ sessionId: w.sM0, stars: 5, comment: 5 })],
  ['comment: NUL', (w: World) => ({ sessionId: w.sM0, stars: 5, comment: 'fine\u0000' })],
  ['comment: an object', (w: World) => ({ sessionId: w.sM0, stars: 5, comment: { text: 'hi' } })],
  ['sessionId: not a uuid', { sessionId: 'not-a-uuid', stars: 5 }],
];
const validLine = {
  kind: 'part' as const,
  description: 'Front brake pads',
  quantityMilli: 2000,
  unitPriceCents: 4_550,
};
const validQuote = {
  taxRateBps: 825,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street',
  lines: [validLine],
};
/** A quote of sM0, which N may quote: accepted, it would write a draft. */
const quoteWith = (overrides: Record<string, unknown>) => (w: World) => ({
  sessionId: w.sM0,
  quote: { ...validQuote, ...overrides },
});
const lineWith = (overrides: Record<string, unknown>) =>
  quoteWith({ lines: [{ ...validLine, ...overrides }] });

const SAVE_QUOTE_CASES: [string, Input][] = [
  ['no input', undefined],
  ['null', null],
  ['no quote', (w: World) => ({ sessionId: w.sM0 })],
  ['quote: a string', (w: World) => ({ sessionId: w.sM0, quote: 'brakes, $200' })],
  ['quote: an array', (w: World) => ({ sessionId: w.sM0, quote: [validQuote] })],
  ['quoteId: not a uuid', (w: World) => ({ sessionId: w.sM0, quoteId: 'draft-1', quote: validQuote })],
  ['no lines', quoteWith({ lines: [] })],
  ['lines: null', quoteWith({ lines: null })],
  ['lines: an object', quoteWith({ lines: { 0: validLine } })],
  ['31 lines', quoteWith({ lines: Array.from({ length: 31 }, () => validLine) })],
  ['10 000 lines', quoteWith({ lines: Array.from({ length: 10_000 }, () => validLine) })],
  ['quantity 0', lineWith({ quantityMilli: 0 })],
  ['quantity negative', lineWith({ quantityMilli: -2000 })],
  ['quantity 1.5 (not thousandths)', lineWith({ quantityMilli: 1.5 })],
  ['quantity 1e9', lineWith({ quantityMilli: 1e9 })],
  ['quantity "2"', lineWith({ quantityMilli: '2' })],
  ['quantity NaN', lineWith({ quantityMilli: Number.NaN })],
  ['quantity Infinity', lineWith({ quantityMilli: Number.POSITIVE_INFINITY })],
  ['quantity bigint', lineWith({ quantityMilli: 2000n })],
  ['price negative', lineWith({ unitPriceCents: -4_550 })],
  ['price 45.5 (dollars)', lineWith({ unitPriceCents: 45.5 })],
  ['price over $100,000', lineWith({ unitPriceCents: 10_000_001 })],
  ['price MAX_SAFE_INTEGER', lineWith({ unitPriceCents: Number.MAX_SAFE_INTEGER })],
  ['price 1e308', lineWith({ unitPriceCents: 1e308 })],
  ['price null', lineWith({ unitPriceCents: null })],
  [
    'lines adding up past $1,000,000',
    quoteWith({
      lines: Array.from({ length: 30 }, () => ({
        ...validLine,
        quantityMilli: 1_000_000,
        unitPriceCents: 10_000_000,
      })),
    }),
  ],
  ['kind: unknown', lineWith({ kind: 'gift' })],
  ['kind: PART', lineWith({ kind: 'PART' })],
  ['description: ""', lineWith({ description: '' })],
  ['description: blanks', lineWith({ description: '   ' })],
  ['description: 201 characters', lineWith({ description: 'd'.repeat(201) })],
  ['description: NUL', lineWith({ description: 'pads\u0000' })],
  ['description: a newline', lineWith({ description: 'pads\nand discs' })],
  [
    'amountCents sent (the server computes it)',
    lineWith({ amountCents: 1, totalCents: 1, quantityMilli: 0 }),
  ],
  ['taxRateBps: -1', quoteWith({ taxRateBps: -1 })],
  ['taxRateBps: 5001', quoteWith({ taxRateBps: 5_001 })],
  ['taxRateBps: 8.25', quoteWith({ taxRateBps: 8.25 })],
  ['taxRateBps: "825"', quoteWith({ taxRateBps: '825' })],
  ['currency: eur', quoteWith({ currency: 'eur' })],
  ['currency: USD', quoteWith({ currency: 'USD' })],
  ['workshopName: ""', quoteWith({ workshopName: '' })],
  ['workshopName: 121 characters', quoteWith({ workshopName: 'w'.repeat(121) })],
  ['workshopName: NUL', quoteWith({ workshopName: 'Garage\u0000' })],
  ['workshopAddress: missing', quoteWith({ workshopAddress: undefined })],
  ['workshopAddress: 301 characters', quoteWith({ workshopAddress: 'a'.repeat(301) })],
  ['note: 2001 characters', quoteWith({ note: 'n'.repeat(2001) })],
  ['note: NUL', quoteWith({ note: 'call first\u0000' })],
  ['validUntil: yesterday', quoteWith({ validUntil: new Date(Date.now() - 86_400_000) })],
  ['validUntil: in 91 days', quoteWith({ validUntil: new Date(Date.now() + 91 * 86_400_000) })],
  ['validUntil: not a date', quoteWith({ validUntil: 'next week' })],
  ['validUntil: invalid Date', quoteWith({ validUntil: new Date('nope') })],
  ['validUntil: the year 10000', quoteWith({ validUntil: new Date('+010000-01-01T00:00:00.000Z') })],
];

/** M's decisions on qM0 (theirs, sent): accepted, each would write a decision and a bonus. */
const decisionWith = (overrides: (w: World) => Record<string, unknown>) => (w: World) => ({
  quoteId: w.qM0,
  decisions: w.linesOfM0.map((lineId) => ({ lineId, approved: true })),
  signatureName: 'Mallory Malformed',
  ...overrides(w),
});

const DECIDE_QUOTE_CASES: [string, Input][] = [
  ['no input', undefined],
  ['null', null],
  ['empty object', {}],
  ['no decisions', decisionWith(() => ({ decisions: undefined }))],
  ['decisions: []', decisionWith(() => ({ decisions: [] }))],
  ['decisions: an object', decisionWith((w) => ({ decisions: { [w.linesOfM0[0]!]: true } }))],
  [
    'approved: "yes"',
    decisionWith((w) => ({ decisions: w.linesOfM0.map((lineId) => ({ lineId, approved: 'yes' })) })),
  ],
  [
    'approved: 1',
    decisionWith((w) => ({ decisions: w.linesOfM0.map((lineId) => ({ lineId, approved: 1 })) })),
  ],
  ['approved: missing', decisionWith((w) => ({ decisions: w.linesOfM0.map((lineId) => ({ lineId })) }))],
  ['lineId: not a uuid', decisionWith(() => ({ decisions: [{ lineId: 'line-1', approved: true }] }))],
  [
    'a line not in the quote',
    decisionWith(() => ({ decisions: [{ lineId: UNKNOWN_UUID, approved: true }] })),
  ],
  [
    'its line twice',
    decisionWith((w) => ({
      decisions: [...w.linesOfM0, ...w.linesOfM0].map((lineId) => ({ lineId, approved: true })),
    })),
  ],
  [
    '31 decisions',
    decisionWith(() => ({
      decisions: Array.from({ length: 31 }, () => ({ lineId: UNKNOWN_UUID, approved: true })),
    })),
  ],
  ['signatureName: missing', decisionWith(() => ({ signatureName: undefined }))],
  ['signatureName: ""', decisionWith(() => ({ signatureName: '' }))],
  ['signatureName: one letter', decisionWith(() => ({ signatureName: 'M' }))],
  ['signatureName: blanks', decisionWith(() => ({ signatureName: '     ' }))],
  ['signatureName: 121 characters', decisionWith(() => ({ signatureName: 'M'.repeat(121) }))],
  ['signatureName: NUL', decisionWith(() => ({ signatureName: 'Mallory\u0000' }))],
  ['signatureName: a newline', decisionWith(() => ({ signatureName: 'Mallory\nMalformed' }))],
  ['signatureName: a number', decisionWith(() => ({ signatureName: 42 }))],
  ['quoteId: not a uuid', decisionWith(() => ({ quoteId: 'quote-1' }))],
  ['quoteId: the session id', decisionWith((w) => ({ quoteId: w.sM0 }))],
  [
    'customerUserId of someone (ignored), bad lines',
    decisionWith((w) => ({ customerUserId: w.N.userId, decisions: [] })),
  ],
];

/** Inputs where only a quote id is expected. */
const badQuoteIds = (long: number): [string, Input][] =>
  badSessionIds(long).map(([name, input]) => [
    name.replaceAll('sessionId', 'quoteId'),
    input && typeof input === 'object' && !Array.isArray(input) && 'sessionId' in input
      ? { quoteId: input.sessionId }
      : input,
  ]);

function typedCases(): TypedCase[] {
  const cases: TypedCase[] = [];
  const add = (procedure: Procedure, list: [string, Input][]) =>
    cases.push(...list.map(([name, input]) => ({ name, procedure, input })));
  add('intake.startSession', INTAKE_CASES);
  add('customer.history', HISTORY_CASES);
  add('mechanic.accept', ACCEPT_CASES);
  add('mechanic.queueFeed', QUEUE_FEED_CASES);
  add('mechanic.history', HISTORY_CASES);
  add('mechanic.setAvailability', SET_AVAILABILITY_CASES);
  add('mechanic.heartbeat', HEARTBEAT_CASES);
  add('ops.panel', PANEL_CASES);
  add('ops.recordPayout', PAYOUT_CASES);
  add('ops.inviteMechanic', INVITATION_CASES);
  add('ops.sessions', SESSIONS_CASES);
  add('ops.openTranscript', TRANSCRIPT_CASES);
  add('ops.cancelSession', TRANSCRIPT_CASES);
  add('ops.requeueSession', TRANSCRIPT_CASES);
  add('ops.disableMechanic', MECHANIC_ACCESS_CASES);
  add('ops.enableMechanic', MECHANIC_ACCESS_CASES);
  add('mechanic.subscribePush', SUBSCRIBE_PUSH_CASES);
  add('mechanic.unsubscribePush', UNSUBSCRIBE_PUSH_CASES);
  add('mechanic.earnings', TIME_ZONE_CASES);
  add('mechanic.earningLines', HISTORY_CASES);
  add('mechanic.ratings', HISTORY_CASES);
  add('customer.rateSession', RATE_CASES);
  add('mechanic.saveQuoteDraft', SAVE_QUOTE_CASES);
  add('customer.decideQuote', DECIDE_QUOTE_CASES);
  add('customer.quoteFeed', QUEUE_FEED_CASES);
  add('account.deleteAccount', DELETE_ACCOUNT_CASES);
  for (const procedure of [
    'mechanic.sendQuote',
    'mechanic.reviseQuote',
    'mechanic.withdrawQuote',
    'mechanic.deleteQuoteDraft',
  ] as const) {
    add(procedure, badQuoteIds(200_000));
  }
  for (const procedure of [
    'customer.session',
    'customer.endSession',
    'customer.cancelSession',
    'mechanic.session',
    'mechanic.startSession',
    'mechanic.endSession',
    'session.feed',
    'session.timeline',
    'mechanic.sessionQuotes',
    'customer.sessionQuotes',
  ] as const) {
    add(procedure, badSessionIds(PROCEDURES[procedure].get ? 4_000 : 200_000));
  }
  // A participant's own session with a bad lastEventId: accepted, it would replay events.
  add(
    'session.feed',
    badLastEventIds.map(([name, value]): [string, Input] => [
      `own session, lastEventId: ${name}`,
      (w: World) => ({ sessionId: w.sM0, lastEventId: value }),
    ]),
  );
  // Who may call comes before what is sent.
  const anonymous: [Procedure, Input][] = [
    ['intake.startSession', { type: 'nope' }],
    ['customer.history', { limit: -1 }],
    ['customer.cancelSession', { sessionId: 'x' }],
    ['mechanic.accept', null],
    ['mechanic.queueFeed', { lastEventId: 'x' }],
    ['session.feed', { sessionId: 42 }],
    ['mechanic.setAvailability', { online: 'yes' }],
    ['mechanic.heartbeat', {}],
    ['mechanic.subscribePush', { endpoint: 'x' }],
    ['mechanic.unsubscribePush', { endpoint: 'x' }],
    ['mechanic.history', { cursor: 5 }],
    ['session.timeline', { sessionId: 'x' }],
    ['mechanic.earnings', { timeZone: 'x' }],
    ['customer.rateSession', { stars: 0 }],
    ['mechanic.saveQuoteDraft', { quote: { lines: [] } }],
    ['customer.decideQuote', { decisions: 'all' }],
    ['customer.quoteFeed', { lastEventId: 'x' }],
    ['account.deleteAccount', { password: '' }],
    ['ops.inviteMechanic', { email: 'x' }],
  ];
  for (const [procedure, input] of anonymous) {
    cases.push({ name: 'anonymous, garbage input', procedure, input, as: 'anonymous' });
  }
  const wrongRole: [Procedure, Input][] = [
    ['intake.startSession', { type: 'nope' }],
    ['customer.endSession', []],
    ['mechanic.accept', { assignmentId: 'x' }],
    ['mechanic.startSession', 'garbage'],
    ['mechanic.queueFeed', { lastEventId: -1 }],
    ['mechanic.setAvailability', { online: 1 }],
    ['mechanic.heartbeat', 'garbage'],
    ['mechanic.subscribePush', { keys: 'x' }],
    ['mechanic.unsubscribePush', { endpoint: 1 }],
    ['mechanic.history', { limit: 0 }],
    ['mechanic.earningLines', { limit: 0 }],
    ['mechanic.ratings', { cursor: 5 }],
    ['customer.rateSession', { stars: 6 }],
    ['mechanic.saveQuoteDraft', { quote: { lines: [] } }],
    ['mechanic.sendQuote', { quoteId: 1 }],
    ['customer.decideQuote', { decisions: 'all' }],
    ['customer.quoteFeed', { lastEventId: -1 }],
    ['account.deleteAccount', { password: 5 }],
    ['ops.inviteMechanic', { name: 5 }],
  ];
  for (const [procedure, input] of wrongRole) {
    const as = PROCEDURES[procedure].role === 'customer' ? 'mechanic' : 'customer';
    cases.push({ name: `${as} (wrong role), garbage input`, procedure, input, as });
  }
  return cases;
}

// ---------------------------------------------------------------------------
// Generated malformed inputs: a seeded generator, kept only where the schema refuses them.
// ---------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run sends the same inputs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = [
  '\u0000',
  '\u0007',
  '\u202E',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  'e\u0301',
  '🚗',
  '👩‍🔧',
  '\u200B',
  'İ',
  'ß',
  'ﬀ',
  '٣',
  '\n',
  '\r\n',
  '\u2028',
  '%00',
  '../',
  '\\',
  '"',
  "'",
  '<script>',
  '${x}',
  '{{x}}',
  "' OR 1=1 --",
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'sessionId',
  'assignmentId',
  'lastEventId',
  'type',
  'vehicle',
  'concern',
  'limit',
  'cursor',
  'role',
  'customerUserId',
  '',
  ' ',
  '0',
  'k'.repeat(300),
  '💥',
  '$where',
];

class Garbage {
  constructor(
    private readonly random: () => number,
    /** Longest string to make (GET requests carry their input in the URL). */
    private readonly longest: number,
  ) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  string(): string {
    switch (this.int(6)) {
      case 0:
        return this.pick(['', ' ', '\t', 'null', 'undefined', 'true', '0', '-1', '[]', '{}']);
      case 1:
        return Array.from({ length: 1 + this.int(40) }, () => String.fromCharCode(32 + this.int(95))).join(
          '',
        );
      case 2:
        return Array.from({ length: 1 + this.int(12) }, () => this.pick(ODD)).join('');
      case 3:
        return this.pick(['x', '🚗', 'é', '\u0000']).repeat(1 + this.int(this.longest / 4));
      case 4: {
        // A uuid with one defect.
        const uuid = [...UNKNOWN_UUID];
        uuid[this.int(uuid.length)] = this.pick(['g', 'Z', '-', ' ', '', '\u0000', '０']);
        return uuid.join('');
      }
      default:
        return `${this.pick(ODD)}${UNKNOWN_UUID}${this.pick(ODD)}`;
    }
  }

  value(depth: number): unknown {
    const choice = this.int(depth > 0 ? 12 : 9);
    switch (choice) {
      case 0:
        return this.pick([null, undefined, true, false]);
      case 1:
        return this.pick([
          0,
          -1,
          1.5,
          -0,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          -Number.MAX_VALUE,
          2 ** 53 + 2,
        ]);
      case 2:
      case 3:
        return this.string();
      case 4:
        return BigInt(this.int(1_000_000)) * (this.random() < 0.5 ? -1n : 1n);
      case 5:
        return this.pick([new Date(0), new Date('1885-01-01'), new Date(Number.NaN), new Date(-8.64e15)]);
      case 6:
        return this.pick([new Map([['k', 1]]), new Set([1, 2]), /re(g)ex/gi, new URL('http://localhost/x')]);
      case 7:
        return this.int(2) === 0 ? [] : {};
      case 8:
        return this.pick([Number.MIN_VALUE, 1e21, -1e-7, 4_294_967_297]);
      case 9:
      case 10:
        return Array.from({ length: 1 + this.int(4) }, () => this.value(depth - 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = 0, n = 1 + this.int(4); i < n; i++) {
          Object.defineProperty(object, this.pick(KEYS), {
            value: this.value(depth - 1),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        return object;
      }
    }
  }
}

/**
 * Every procedure that takes input, but the room's (routers/room/room.test.ts refuses its bad input):
 * a valid input, naming nothing that exists (so even a valid one writes nothing), and the fields
 * generated garbage goes into. Who calls, how, and the schema come from the router: adding a
 * procedure with input is one entry here (the first test fails until it has one).
 */
const INPUTS = {
  'intake.startSession': {
    valid: () => intake(),
    fields: [
      ['type'],
      ['vehicle'],
      ['vehicle', 'year'],
      ['vehicle', 'make'],
      ['vehicle', 'model'],
      ['vehicle', 'vin'],
      ['concern'],
      ['scheduledFor'],
    ],
  },
  'customer.session': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'customer.history': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'customer.endSession': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'customer.cancelSession': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'mechanic.queueFeed': {
    valid: () => ({ lastEventId: null }),
    fields: [['lastEventId']],
  },
  'mechanic.accept': {
    valid: () => ({ assignmentId: UNKNOWN_UUID }),
    fields: [['assignmentId']],
  },
  'mechanic.session': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'mechanic.startSession': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'mechanic.endSession': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'session.feed': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId'], ['lastEventId']],
  },
  'customer.queueStatus': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'customer.buyCredits': {
    valid: () => ({ packId: 'credits_3' }),
    fields: [['packId']],
  },
  'customer.creditPurchase': {
    valid: () => ({ checkoutSessionId: 'cs_test_unknown' }),
    fields: [['checkoutSessionId']],
  },
  'customer.creditLedger': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'customer.checkoutStatus': {
    valid: () => ({ checkoutSessionId: 'cs_test_unknown' }),
    fields: [['checkoutSessionId']],
  },
  'ops.sessions': {
    valid: () => ({
      query: 'someone@example.test',
      status: 'ended',
      createdFrom: '2026-11-01T00:00:00.000Z',
    }),
    fields: [['query'], ['status'], ['createdFrom'], ['createdTo']],
  },
  'ops.session': { valid: () => ({ sessionId: UNKNOWN_UUID }), fields: [['sessionId']] },
  'ops.openTranscript': { valid: () => ({ ...TRANSCRIPT }), fields: [['sessionId'], ['reason']] },
  'ops.cancelSession': { valid: () => ({ ...TRANSCRIPT }), fields: [['sessionId'], ['reason']] },
  'ops.requeueSession': { valid: () => ({ ...TRANSCRIPT }), fields: [['sessionId'], ['reason']] },
  'ops.disableMechanic': {
    valid: () => ({ ...MECHANIC_ACCESS }),
    fields: [['mechanicUserId'], ['reason']],
  },
  'ops.enableMechanic': {
    valid: () => ({ ...MECHANIC_ACCESS }),
    fields: [['mechanicUserId'], ['reason']],
  },
  'ops.recordPayout': {
    valid: () => ({ ...PAYOUT }),
    fields: [['mechanicUserId'], ['amountCents'], ['reference']],
  },
  // A base for garbage only (generated inputs are kept only where the schema refuses them).
  'ops.inviteMechanic': { valid: () => ({ ...INVITATION }), fields: [['email'], ['name']] },
  // Bases for garbage only (generated inputs are kept only where the schema refuses them).
  'mechanic.setAvailability': {
    valid: () => ({ online: false }),
    fields: [['online']],
  },
  // No input at all: any object is garbage, so garbage goes into one.
  'mechanic.heartbeat': {
    valid: () => ({}),
    fields: [['online']],
  },
  'mechanic.history': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'session.timeline': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'mechanic.earnings': {
    valid: () => ({ timeZone: 'UTC' }),
    fields: [['timeZone']],
  },
  'mechanic.earningLines': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'mechanic.ratings': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'customer.rateSession': {
    valid: () => ({ sessionId: UNKNOWN_UUID, stars: 5, comment: '' }),
    fields: [['sessionId'], ['stars'], ['comment']],
  },
  'mechanic.sessionQuotes': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'mechanic.saveQuoteDraft': {
    valid: () => ({ sessionId: UNKNOWN_UUID, quote: structuredClone(validQuote) }),
    fields: [
      ['sessionId'],
      ['quoteId'],
      ['quote'],
      ['quote', 'taxRateBps'],
      ['quote', 'workshopName'],
      ['quote', 'validUntil'],
      ['quote', 'lines'],
      ['quote', 'lines', '0'],
      ['quote', 'lines', '0', 'quantityMilli'],
      ['quote', 'lines', '0', 'unitPriceCents'],
      ['quote', 'lines', '0', 'kind'],
    ],
  },
  'mechanic.sendQuote': { valid: () => ({ quoteId: UNKNOWN_UUID }), fields: [['quoteId']] },
  'mechanic.reviseQuote': { valid: () => ({ quoteId: UNKNOWN_UUID }), fields: [['quoteId']] },
  'mechanic.withdrawQuote': { valid: () => ({ quoteId: UNKNOWN_UUID }), fields: [['quoteId']] },
  'mechanic.deleteQuoteDraft': { valid: () => ({ quoteId: UNKNOWN_UUID }), fields: [['quoteId']] },
  'customer.sessionQuotes': {
    valid: () => ({ sessionId: UNKNOWN_UUID }),
    fields: [['sessionId']],
  },
  'customer.decideQuote': {
    valid: () => ({
      quoteId: UNKNOWN_UUID,
      decisions: [{ lineId: UNKNOWN_UUID, approved: true }],
      signatureName: 'Mallory Malformed',
    }),
    fields: [
      ['quoteId'],
      ['decisions'],
      ['decisions', '0'],
      ['decisions', '0', 'lineId'],
      ['decisions', '0', 'approved'],
      ['signatureName'],
    ],
  },
  'customer.receipts': {
    valid: () => ({ limit: 10, cursor: null }),
    fields: [['limit'], ['cursor']],
  },
  'customer.receipt': {
    valid: () => ({ kind: 'credit_purchase', id: UNKNOWN_UUID }),
    fields: [['kind'], ['id']],
  },
  'account.setNotificationPreference': {
    valid: () => ({ channel: 'email', kind: 'session_live', enabled: true }),
    fields: [['channel'], ['kind'], ['enabled']],
  },
  'customer.quoteFeed': {
    valid: () => ({ lastEventId: null }),
    fields: [['lastEventId']],
  },
  'account.deleteAccount': { valid: () => ({ password: 'not the password' }), fields: [['password']] },
  'ops.panel': {
    valid: () => ({
      panelId: 'sessions_created',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      timeZone: 'Europe/Berlin',
      bucket: 'day',
    }),
    fields: [['panelId'], ['from'], ['to'], ['timeZone'], ['bucket']],
  },
  // Bases for garbage only (generated inputs are kept only where the schema refuses them).
  'mechanic.subscribePush': {
    valid: () => structuredClone(validPush),
    fields: [['endpoint'], ['keys'], ['keys', 'p256dh'], ['keys', 'auth']],
  },
  'mechanic.unsubscribePush': {
    valid: () => ({ endpoint: validPush.endpoint }),
    fields: [['endpoint']],
  },
} satisfies Partial<Record<ProcedurePath, { valid: () => Record<string, unknown>; fields: string[][] }>>;
type Procedure = keyof typeof INPUTS;

/** The procedures under test as the router has them: who calls (any signed-in user: a customer), over GET or POST. */
const PROCEDURES = Object.fromEntries(
  (Object.keys(INPUTS) as Procedure[]).map((path) => {
    const { access, type, input } = procedureInfo(path);
    const call = (c: ApiClient, i: unknown): Promise<Answer> =>
      type === 'subscription'
        ? subscriptionAnswer(clientProcedureOf(c, path), i)
        : callAnswer(() => callProcedure(c, path, i));
    const role: Role = access === 'mechanic' || access === 'operator' ? access : 'customer';
    return [path, { role, get: type !== 'mutation', schema: input!, call }];
  }),
) as Record<
  Procedure,
  { role: Role; get: boolean; schema: ZodType; call: (c: ApiClient, i: unknown) => Promise<Answer> }
>;

function withField(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  Object.defineProperty(target, path.at(-1)!, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return copy;
}

/** As the server will see it, or undefined when superjson cannot send it. */
function overTheWire(value: unknown): unknown {
  try {
    return superjson.parse(superjson.stringify(value));
  } catch {
    return undefined;
  }
}

const preview = (value: unknown) => {
  let text: string;
  try {
    text = JSON.stringify(superjson.serialize(value).json) ?? 'undefined';
  } catch {
    text = String(value);
  }
  // Test names in plain ASCII: NULs, bidi overrides and emoji escaped.
  const ascii = text.replace(/[^\x20-\x7e]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
  return ascii.length > 60 ? `${ascii.slice(0, 57)}...` : ascii;
};

const GENERATED_PER_PROCEDURE = 14;

function generatedCases(seed: number): TypedCase[] {
  const random = seeded(seed);
  const cases: TypedCase[] = [];
  for (const procedure of Object.keys(INPUTS) as Procedure[]) {
    const { schema, get } = PROCEDURES[procedure];
    const garbage = new Garbage(random, get ? 2_000 : 100_000);
    const { fields } = INPUTS[procedure];
    let made = 0;
    for (let tries = 0; made < GENERATED_PER_PROCEDURE && tries < 1_000; tries++) {
      // A third of them replace the whole input, the rest one field of a valid input.
      const input =
        tries % 3 === 0
          ? garbage.value(3)
          : withField(INPUTS[procedure].valid(), garbage.pick(fields), garbage.value(2));
      let wire: unknown;
      try {
        superjson.stringify(input);
        wire = overTheWire(input);
      } catch {
        continue;
      }
      if (wire === undefined && input !== undefined) continue;
      // GET requests carry the input in the URL: keep it well under Node's 16 KB header limit.
      if (get && encodeURIComponent(superjson.stringify(input)).length > 8_000) continue;
      // Keep only what the procedure's own schema refuses: a valid input is no test here.
      if (schema.safeParse(wire).success) continue;
      made++;
      cases.push({ name: `generated #${made} ${preview(input)}`, procedure, input });
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------
// Raw HTTP.
// ---------------------------------------------------------------------------

/** Reads an SSE response until its first data or error event. */
async function sseAnswers(response: Response): Promise<Answer[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done) return [{ httpStatus: response.status, code: 'STREAM_ENDED', message: buffer }];
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (event === 'serialized-error') {
          const error = (JSON.parse(data) as { json: ErrorJson }).json;
          return [
            {
              httpStatus: error.data?.httpStatus ?? 0,
              code: error.data?.code ?? 'NO_CODE',
              message: error.message,
            },
          ];
        }
        if (event === undefined && data) return [ACCEPTED(`stream delivered ${data.slice(0, 100)}`)];
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

interface ErrorJson {
  message: string;
  data?: { code?: string; httpStatus?: number };
}
type ResponseItem = { error?: { json?: ErrorJson } | ErrorJson; result?: unknown };

/** The answers in a raw response: one, or one per call of a batch. */
async function rawAnswers(response: Response): Promise<Answer[]> {
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) return sseAnswers(response);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ httpStatus: response.status, code: 'NOT_JSON', message: text.slice(0, 300) }];
  }
  const items = (Array.isArray(body) ? body : [body]) as ResponseItem[];
  const answers = items.map((item): Answer => {
    if (!item.error) return ACCEPTED(`result ${JSON.stringify(item.result)?.slice(0, 100)}`);
    const error = 'json' in item.error && item.error.json ? item.error.json : (item.error as ErrorJson);
    return {
      httpStatus: error.data?.httpStatus ?? response.status,
      code: error.data?.code ?? 'NO_TRPC_CODE',
      message: String(error.message),
    };
  });
  // The response's own status: a 4xx, or 207 for a batch whose calls failed differently.
  if (!(Array.isArray(body) && response.status === 207)) {
    answers.push({ httpStatus: response.status, code: answers[0]?.code ?? 'NONE', message: 'HTTP status' });
  }
  return answers;
}

interface RawCase {
  name: string;
  request: (w: World) => { path: string; init: RequestInit; as?: Role | 'anonymous' };
  /** When only one code is right (default: any refusal code). */
  exact?: string;
  /** When only one message is right. */
  message?: string;
}

const json = 'application/json';
type RawRequest = ReturnType<RawCase['request']>;
const post = (
  path: string,
  body: RequestInit['body'],
  contentType: string | null = json,
  as?: Role | 'anonymous',
): RawRequest => {
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  return { path, init: { method: 'POST', body, headers }, as };
};
const get = (path: string, headers: Record<string, string> = {}, as?: Role | 'anonymous'): RawRequest => ({
  path,
  init: { method: 'GET', headers },
  as,
});
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const validIntakeBody = () => JSON.stringify(superjson.serialize(intake()));
const form = () => {
  const data = new FormData();
  data.set('type', 'free');
  data.set('concern', 'Grinding noise when braking at low speed');
  return data;
};
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** A valid intake's body padded with spaces to `bytes` bytes. */
const paddedIntakeBody = (bytes: number) => validIntakeBody().padEnd(bytes, ' ');
/** `bytes` bytes of a valid intake's body, streamed (chunked: no Content-Length). */
const streamed = (bytes: number): RequestInit => {
  const body = new TextEncoder().encode(paddedIntakeBody(bytes));
  return {
    body: new ReadableStream({
      start(controller) {
        for (let at = 0; at < body.length; at += 65_536) controller.enqueue(body.subarray(at, at + 65_536));
        controller.close();
      },
    }),
    duplex: 'half',
  };
};
/** A batch of `calls` valid intakes (each would start a session, were the batch taken). */
const intakeBatch = (calls: number) =>
  post(
    `${Array(calls).fill('intake.startSession').join(',')}?batch=1`,
    `{${Array.from({ length: calls }, (_, i) => `"${i}":${validIntakeBody()}`).join(',')}}`,
  );

const RAW_CASES: RawCase[] = [
  // Bodies that are not what a mutation expects.
  { name: 'malformed JSON', request: () => post('intake.startSession', '{not json') },
  { name: 'truncated JSON', request: () => post('intake.startSession', validIntakeBody().slice(0, 30)) },
  { name: 'empty body', request: () => post('intake.startSession', '') },
  {
    name: 'body: null (superjson threw "Cannot destructure property \'json\'")',
    exact: 'BAD_REQUEST',
    message: MALFORMED_INPUT_MESSAGE,
    request: () => post('intake.startSession', 'null'),
  },
  { name: 'body: a string', request: () => post('intake.startSession', '"free"') },
  { name: 'body: a number', request: () => post('intake.startSession', '123') },
  { name: 'body: an array', request: () => post('intake.startSession', '[]') },
  {
    name: 'body: input without the superjson "json" wrapper',
    request: () => post('intake.startSession', JSON.stringify(intake())),
  },
  {
    name: 'body: trailing garbage after valid JSON',
    request: () => post('intake.startSession', `${validIntakeBody()}}}`),
  },
  {
    name: 'body: byte-order mark before JSON',
    request: () => post('customer.cancelSession', `\uFEFF{"json":{"sessionId":"x"}}`),
  },
  {
    name: 'body: duplicate keys (last one bad)',
    request: () => post('intake.startSession', `{"json":{"type":"free","type":"nope"}}`),
  },
  // Body sizes (BODY_LIMITS.trpc): refused before anything parses them.
  {
    name: 'body: 2 MB concern',
    exact: 'PAYLOAD_TOO_LARGE',
    message: bodyTooLargeMessage(BODY_LIMITS.trpc),
    request: () =>
      post('intake.startSession', JSON.stringify({ json: intake({ concern: 'c'.repeat(2_000_000) }) })),
  },
  {
    name: 'body: a valid intake a byte over the limit',
    exact: 'PAYLOAD_TOO_LARGE',
    message: bodyTooLargeMessage(BODY_LIMITS.trpc),
    request: () => post('intake.startSession', paddedIntakeBody(BODY_LIMITS.trpc + 1)),
  },
  {
    name: 'body: a valid intake a byte over the limit, streamed without a Content-Length',
    exact: 'PAYLOAD_TOO_LARGE',
    request: () => {
      const request = post('intake.startSession', null);
      return { ...request, init: { ...request.init, ...streamed(BODY_LIMITS.trpc + 1) } };
    },
  },
  {
    name: 'body: a 50 MB intake',
    exact: 'PAYLOAD_TOO_LARGE',
    request: () => post('intake.startSession', paddedIntakeBody(50 * 1024 * 1024)),
  },
  // Deep nesting: refused before anything walks it recursively.
  {
    name: 'body: 5 000 nested arrays',
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => post('intake.startSession', `{"json":${deepArray(5_000)}}`),
  },
  {
    name: 'body: 100 000 nested arrays (within the size limit)',
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => post('intake.startSession', `{"json":${deepArray(100_000)}}`),
  },
  {
    name: `body: objects nested ${MAX_INPUT_DEPTH} deep`,
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => post('intake.startSession', `{"json":${deepObject(MAX_INPUT_DEPTH)}}`),
  },
  {
    name: 'meta: 5 000 nested objects',
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => post('customer.cancelSession', `{"json":{"sessionId":"x"},"meta":${deepObject(5_000)}}`),
  },
  {
    name: 'GET: input of 1 000 nested arrays',
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => get(`customer.session?input=${encodeURIComponent(`{"json":${deepArray(1_000)}}`)}`),
  },
  {
    name: 'subscription: input of 1 000 nested arrays',
    exact: 'BAD_REQUEST',
    message: TOO_DEEP_MESSAGE,
    request: () => get(`session.feed?input=${encodeURIComponent(`{"json":${deepArray(1_000)}}`)}`),
  },
  {
    name: 'batch: one input of 5 000 nested arrays',
    request: () =>
      post(
        'intake.startSession,intake.startSession?batch=1',
        `{"0":{"json":${deepArray(5_000)}},"1":{"json":1}}`,
      ),
  },
  {
    name: 'body: intake in an own __proto__ key',
    request: () => post('intake.startSession', `{"json":{"__proto__":${JSON.stringify(intake())}}}`),
  },
  {
    name: 'body: intake under constructor.prototype',
    request: () =>
      post('intake.startSession', `{"json":{"constructor":{"prototype":${JSON.stringify(intake())}}}}`),
  },
  // superjson meta garbage.
  {
    name: 'meta: __proto__ path',
    request: () =>
      post(
        'intake.startSession',
        '{"json":{"polluted":"2020-01-01"},"meta":{"values":{"__proto__.polluted":["Date"]}}}',
      ),
  },
  {
    name: 'meta: constructor.prototype path',
    request: () =>
      post(
        'intake.startSession',
        '{"json":{},"meta":{"values":{"constructor.prototype.polluted":["Date"]}}}',
      ),
  },
  {
    name: 'meta: referentialEqualities into __proto__',
    request: () =>
      post(
        'intake.startSession',
        '{"json":{"a":{}},"meta":{"referentialEqualities":{"a":["__proto__.polluted"]}}}',
      ),
  },
  {
    name: 'meta: referentialEqualities not a list (superjson: "identicalPaths.map is not a function")',
    exact: 'BAD_REQUEST',
    message: MALFORMED_INPUT_MESSAGE,
    request: () =>
      post(
        'customer.cancelSession',
        '{"json":{"sessionId":"x"},"meta":{"referentialEqualities":{"sessionId":"x"}}}',
      ),
  },
  {
    name: 'meta: values is a string',
    request: () => post('customer.cancelSession', '{"json":{"sessionId":"x"},"meta":{"values":"garbage"}}'),
  },
  {
    name: 'meta: unknown transformation',
    request: () =>
      post('customer.cancelSession', '{"json":{"sessionId":"x"},"meta":{"values":{"sessionId":["weird"]}}}'),
  },
  {
    name: 'meta: bigint of letters',
    request: () =>
      post(
        'customer.cancelSession',
        '{"json":{"sessionId":"zz"},"meta":{"values":{"sessionId":["bigint"]}}}',
      ),
  },
  {
    name: 'meta: unregistered custom type',
    request: () =>
      post(
        'customer.cancelSession',
        '{"json":{"sessionId":"zz"},"meta":{"values":{"sessionId":["custom","nope"]}}}',
      ),
  },
  {
    name: 'meta: unregistered class',
    request: () =>
      post(
        'customer.cancelSession',
        '{"json":{"sessionId":"zz"},"meta":{"values":{"sessionId":["class","Nope"]}}}',
      ),
  },
  {
    name: 'meta: Date of an object',
    request: () =>
      post(
        'intake.startSession',
        JSON.stringify({
          json: { ...intake(), scheduledFor: {} },
          meta: { values: { scheduledFor: ['Date'] } },
        }),
      ),
  },
  {
    name: 'meta: Date of garbage',
    request: () =>
      post(
        'intake.startSession',
        JSON.stringify({
          json: { ...intake(), scheduledFor: 'garbage' },
          meta: { values: { scheduledFor: ['Date'] } },
        }),
      ),
  },
  {
    name: 'meta: year as bigint',
    request: () =>
      post(
        'intake.startSession',
        JSON.stringify({
          json: intake({ vehicle: { ...validVehicle, year: '2017' } }),
          meta: { values: { 'vehicle.year': ['bigint'] } },
        }),
      ),
  },
  // Content types.
  {
    name: 'content-type: text/plain',
    request: () => post('intake.startSession', validIntakeBody(), 'text/plain'),
  },
  {
    name: 'no content-type',
    request: () => post('intake.startSession', new Blob([validIntakeBody()]), null),
  },
  {
    name: 'content-type: form-urlencoded',
    request: () =>
      post(
        'intake.startSession',
        'type=free&concern=Grinding+noise+when+braking',
        'application/x-www-form-urlencoded',
      ),
  },
  { name: 'content-type: multipart form', request: () => post('intake.startSession', form(), null) },
  {
    name: 'content-type: octet-stream',
    request: () => post('intake.startSession', validIntakeBody(), 'application/octet-stream'),
  },
  {
    name: 'content-type: json-patch',
    request: () => post('intake.startSession', validIntakeBody(), 'application/json-patch+json'),
  },
  {
    name: 'content-type: JSON upper-cased, body garbage',
    request: () => post('intake.startSession', '{garbage', 'APPLICATION/JSON'),
  },
  {
    name: 'content-type: JSON in UTF-16, body garbage',
    request: () => post('intake.startSession', '\u0000{\u0000', 'application/json; charset=utf-16'),
  },
  // Methods.
  {
    name: 'GET on a mutation (valid intake)',
    request: () => get(`intake.startSession?input=${q(superjson.serialize(intake()))}`),
  },
  {
    name: 'GET on a mutation (cancel O\u2019s session)',
    request: (w) => get(`customer.cancelSession?input=${q({ json: { sessionId: w.sO } })}`),
  },
  {
    name: 'POST on a query',
    request: () => post('customer.session', `{"json":{"sessionId":"${UNKNOWN_UUID}"}}`),
  },
  {
    name: 'POST on a subscription',
    request: (w) => post('session.feed', `{"json":{"sessionId":"${w.sM0}"}}`),
  },
  {
    name: 'PUT on a mutation',
    request: () => ({
      path: 'intake.startSession',
      init: { method: 'PUT', body: validIntakeBody(), headers: { 'content-type': json } },
    }),
  },
  {
    name: 'PATCH on a mutation',
    request: () => ({
      path: 'intake.startSession',
      init: { method: 'PATCH', body: validIntakeBody(), headers: { 'content-type': json } },
    }),
  },
  {
    name: 'DELETE on a mutation',
    request: (w) => ({
      path: 'customer.cancelSession',
      init: { method: 'DELETE', body: `{"json":{"sessionId":"${w.sO}"}}`, headers: { 'content-type': json } },
    }),
  },
  // Unknown procedures.
  { name: 'unknown procedure', request: () => post('nope', '{"json":{}}') },
  { name: 'a router, not a procedure', request: () => post('intake', '{"json":{}}') },
  { name: 'unknown procedure of a known router', request: () => post('intake.nope', '{"json":{}}') },
  { name: 'a path below a procedure', request: () => post('intake.startSession.call', validIntakeBody()) },
  { name: 'path: __proto__', request: () => get('__proto__') },
  { name: 'path: constructor', request: () => get('constructor') },
  { name: 'path: intake.__proto__', request: () => get('intake.__proto__') },
  { name: 'path: customer.toString', request: () => get('customer.toString') },
  { name: 'path: upper-cased procedure', request: () => post('INTAKE.STARTSESSION', validIntakeBody()) },
  { name: 'path: bad URL encoding', request: () => get('%E0%A4%A') },
  { name: 'path: empty', request: () => get('') },
  { name: 'path: encoded traversal', request: () => get('..%2Fhealthz') },
  // Batches.
  {
    name: 'batch: body a string',
    request: () => post('intake.startSession,customer.cancelSession?batch=1', '"x"'),
  },
  {
    name: 'batch: body an array of numbers',
    request: () => post('intake.startSession,customer.cancelSession?batch=1', '[1,2]'),
  },
  {
    name: 'batch: inputs null and a number',
    request: () =>
      post('intake.startSession,customer.cancelSession?batch=1', '{"0":{"json":null},"1":{"json":5}}'),
  },
  {
    name: 'batch: query and mutation mixed',
    request: () => post('customer.session,intake.startSession?batch=1', '{}'),
  },
  {
    name: 'batch: a subscription',
    request: (w) => get(`session.feed?batch=1&input=${q({ 0: { json: { sessionId: w.sM0 } } })}`),
  },
  {
    name: 'batch: unknown and known procedures',
    request: () => post('nope,intake.startSession?batch=1', '{"0":{"json":1},"1":{"json":1}}'),
  },
  {
    name: 'batch: 200 garbage intakes',
    request: () =>
      post(
        `${Array(200).fill('intake.startSession').join(',')}?batch=1`,
        JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, { json: { type: i } }]))),
      ),
  },
  {
    name: 'batch: own __proto__ index',
    request: () =>
      post('intake.startSession?batch=1', `{"__proto__":{"0":{"json":${JSON.stringify(intake())}}}}`),
  },
  { name: 'batch: no procedures', request: () => post('?batch=1', '{}') },
  {
    name: `batch: ${TRPC_MAX_BATCH_CALLS + 1} valid intakes (one over the cap)`,
    exact: 'BAD_REQUEST',
    message: `A batch may carry at most ${TRPC_MAX_BATCH_CALLS} calls`,
    request: () => intakeBatch(TRPC_MAX_BATCH_CALLS + 1),
  },
  {
    name: 'batch: 500 valid intakes',
    exact: 'BAD_REQUEST',
    message: `A batch may carry at most ${TRPC_MAX_BATCH_CALLS} calls`,
    request: () => intakeBatch(500),
  },
  {
    name: `batch: ${TRPC_MAX_BATCH_CALLS + 1} garbage queries over GET`,
    exact: 'BAD_REQUEST',
    message: `A batch may carry at most ${TRPC_MAX_BATCH_CALLS} calls`,
    request: () =>
      get(
        `${Array(TRPC_MAX_BATCH_CALLS + 1)
          .fill('customer.session')
          .join(',')}?batch=1&input=%7B%7D`,
      ),
  },
  // Query strings.
  { name: 'GET: input not JSON', request: () => get('customer.session?input=%7Bbad') },
  {
    name: 'GET: input without the "json" wrapper',
    request: () => get(`customer.session?input=${q({ sessionId: UNKNOWN_UUID })}`),
  },
  {
    name: 'GET: connectionParams not JSON',
    request: () => get(`customer.history?input=${q({ json: {} })}&connectionParams=%7Bbad`),
  },
  {
    name: 'GET: connectionParams not strings',
    request: () => get(`customer.history?input=${q({ json: {} })}&connectionParams=${q({ a: 1 })}`),
  },
  {
    name: 'subscription: garbage input',
    request: () => get(`session.feed?input=${q({ json: { sessionId: 'x' } })}`),
  },
  { name: 'subscription: input not JSON', request: () => get('session.feed?input=%7Bbad') },
  {
    name: 'subscription: own session, Last-Event-Id header garbage',
    request: (w) =>
      get(`session.feed?input=${q({ json: { sessionId: w.sM0 } })}`, { 'last-event-id': 'abc' }),
  },
  {
    name: 'subscription: own session, lastEventId query garbage',
    request: (w) => get(`session.feed?input=${q({ json: { sessionId: w.sM0 } })}&lastEventId=-1`),
  },
  {
    name: 'subscription: queue, Last-Event-Id header garbage',
    request: () => get('mechanic.queueFeed', { 'last-event-id': '1e3' }, 'mechanic'),
  },
  // Anonymous.
  {
    name: 'anonymous: garbage mutation',
    request: () => post('customer.cancelSession', '{"json":{"sessionId":"x"}}', json, 'anonymous'),
  },
  {
    name: 'anonymous: malformed JSON',
    request: () => post('mechanic.accept', '{not json', json, 'anonymous'),
  },
  {
    name: 'anonymous: garbage subscription',
    request: () => get(`mechanic.queueFeed?input=${q({ json: { lastEventId: 'x' } })}`, {}, 'anonymous'),
  },
];

/**
 * Ids smuggled in through `__proto__` or `constructor.prototype` (the typed
 * client refuses to send such keys; a browser's fetch does not): the input has
 * no id of its own, so the only right answer is BAD_REQUEST. Were the id read
 * through the prototype, the answer would be a success, FORBIDDEN or CONFLICT.
 */
const SMUGGLED: [Procedure, 'GET' | 'POST', string, (w: World) => string][] = [
  ['customer.session', 'GET', 'sessionId', (w) => w.sM0],
  ['customer.endSession', 'POST', 'sessionId', (w) => w.sM0],
  ['customer.cancelSession', 'POST', 'sessionId', (w) => w.sO],
  ['mechanic.session', 'GET', 'sessionId', (w) => w.sM0],
  ['mechanic.startSession', 'POST', 'sessionId', (w) => w.sM0],
  ['mechanic.endSession', 'POST', 'sessionId', (w) => w.sM0],
  ['mechanic.accept', 'POST', 'assignmentId', (w) => w.aO],
  ['session.feed', 'GET', 'sessionId', (w) => w.sM0],
  ['session.timeline', 'GET', 'sessionId', (w) => w.sM0],
  ['intake.startSession', 'POST', 'type', () => 'free'],
];
for (const [procedure, method, key, id] of SMUGGLED) {
  const smuggle = (w: World, via: string) => {
    const inner = procedure === 'intake.startSession' ? JSON.stringify(intake()) : `{"${key}":"${id(w)}"}`;
    return via === '__proto__'
      ? `{"json":{"__proto__":${inner}}}`
      : `{"json":{"constructor":{"prototype":${inner}}}}`;
  };
  for (const via of ['__proto__', 'constructor.prototype']) {
    RAW_CASES.push({
      name: `${procedure}: ${key} smuggled in through ${via}`,
      exact: 'BAD_REQUEST',
      request: (w) =>
        method === 'POST'
          ? post(procedure, smuggle(w, via))
          : get(`${procedure}?input=${encodeURIComponent(smuggle(w, via))}`),
    });
  }
}

async function sendRaw(c: RawCase, w: World): Promise<Answer[]> {
  const { path, init, as } = c.request(w);
  const role =
    as ?? (path.startsWith('mechanic.') ? 'mechanic' : path.startsWith('ops.') ? 'operator' : 'customer');
  const cookie = role === 'anonymous' ? undefined : clientUserFor(role, w).cookie;
  const headers = new Headers(init.headers);
  if (cookie) headers.set('cookie', cookie);
  headers.set('accept', 'application/json, text/event-stream');
  const response = await fetch(`${t.api.url}/trpc/${path}`, { ...init, headers });
  return rawAnswers(response);
}

// ---------------------------------------------------------------------------

const TYPED = typedCases();
const GENERATED = generatedCases(0x5eed_ad0c);

const clientUserFor = (as: Role, w: World): TestUser =>
  as === 'customer' ? w.M : as === 'mechanic' ? w.N : w.P;
const clientFor = (as: Role | 'anonymous', w: World): ApiClient =>
  as === 'anonymous' ? t.anonymous : clientUserFor(as, w).client;

async function sendTyped(c: TypedCase, w: World): Promise<Answer[]> {
  const procedure = PROCEDURES[c.procedure];
  return [await procedure.call(clientFor(c.as ?? procedure.role, w), resolve(c.input, w))];
}

describe('malformed input', () => {
  it('is 200 inputs and more, for every procedure that takes input', () => {
    expect(TYPED.length + GENERATED.length + RAW_CASES.length).toBeGreaterThanOrEqual(200);
    const covered = new Set([...TYPED, ...GENERATED].map((c) => c.procedure));
    expect([...covered].sort()).toEqual(Object.keys(PROCEDURES).sort());
    const takingInput = PROCEDURES_OF_ROUTER.filter((p) => p.input && !p.path.startsWith('room.')).map(
      (p) => p.path,
    );
    expect(Object.keys(INPUTS).sort()).toEqual(takingInput.sort());
    for (const procedure of Object.keys(PROCEDURES)) {
      expect(
        GENERATED.filter((c) => c.procedure === procedure),
        procedure,
      ).toHaveLength(GENERATED_PER_PROCEDURE);
    }
  });

  it('is generated the same way every run', () => {
    expect(generatedCases(0x5eed_ad0c).map((c) => c.name)).toEqual(GENERATED.map((c) => c.name));
  });

  describe.each([
    [
      'typed client',
      [...TYPED, ...GENERATED].map((c) => ({
        name: `${c.procedure}: ${c.name}`,
        send: (w: World) => sendTyped(c, w),
      })),
    ],
    [
      'raw HTTP',
      RAW_CASES.map((c) => ({
        name: c.name,
        exact: c.exact,
        message: c.message,
        send: (w: World) => sendRaw(c, w),
      })),
    ],
  ])('through the %s', (_, cases) => {
    it.each(cases)('$name', async (c) => {
      const before = await tableState();
      const answers = await c.send(world);
      expectRefused(answers);
      if ('exact' in c && c.exact) expect(answers.map((a) => a.code)).toEqual(answers.map(() => c.exact));
      if ('message' in c && c.message) {
        // Each call's message (the last answer is the HTTP status's).
        const messages = answers.filter((a) => a.message !== 'HTTP status').map((a) => a.message);
        expect(messages).toEqual(messages.map(() => c.message));
      }
      expect(await tableState()).toEqual(before);
    });
  });

  it('polluted no prototype of the (in-process) server', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.sessionId, probe.assignmentId, probe.isAdmin]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('left the API working', async () => {
    expect((await fetch(`${t.api.url}/healthz`)).status).toBe(200);
    const page = await world.M.client.customer.history.query({ limit: 5 });
    expect(page.items.map((s) => s.id)).toEqual([world.sM0]);
    expect((await world.N.client.mechanic.queue.query()).entries.map((e) => e.sessionId)).toContain(world.sO);
  });
});

describe('malformed requests to the routes beside tRPC', () => {
  it("Stripe's webhook: a missing or garbage signature is refused in our words, not the SDK's", async () => {
    const before = await tableState();
    const answers = [];
    for (const signature of [undefined, 'garbage', 't=1,v1=00', 't=abc,v1=' + 'z'.repeat(5000)]) {
      const response = await fetch(`${t.api.url}/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'stripe-signature': signature } : {}),
        },
        body: '{"id":"evt_garbage","type":"checkout.session.completed"}',
      });
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers).toEqual(
      answers.map(() => ({
        status: 400,
        body: { code: 'INVALID_SIGNATURE', message: WEBHOOK_SIGNATURE_MESSAGE },
      })),
    );
    expect(await tableState()).toEqual(before);
  });

  it('unsubscribe: a garbage, oversized or repeated token is refused in our words, nothing written', async () => {
    const before = await tableState();
    const queries = [
      '',
      '?token=',
      '?token=%FF%FE',
      '?token=' + 'a'.repeat(10_000),
      '?token=a.b.c',
      '?token=..',
      `?token=${encodeURIComponent('Ω.session_live.' + 'A'.repeat(43))}`,
      '?token[]=x&token=y',
      '?token=eA.session_live.' + 'A'.repeat(43) + '&token=second',
    ];
    for (const query of queries) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${t.api.url}/api/unsubscribe${query}`, { method });
        expect({ query, method, status: response.status, body: await response.json() }).toEqual({
          query,
          method,
          status: 400,
          body: { code: 'INVALID_UNSUBSCRIBE_LINK', message: INVALID_UNSUBSCRIBE_LINK_MESSAGE },
        });
      }
    }
    expect(await tableState()).toEqual(before);
  });

  it('sign-in and sign-up: a body that is not JSON, or not an object, is refused in our words', async () => {
    for (const body of ['{not json', 'null', '[]', '"x"', `{"email":${deepArray(5_000)}}`]) {
      const response = await fetch(`${t.api.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = (await response.json()) as { code?: string; message?: string };
      expect({ body: body.slice(0, 20), status: response.status }).toEqual({
        body: body.slice(0, 20),
        status: 400,
      });
      expect(answer.code).toBe('INVALID_INPUT');
      expect(answer.message).not.toMatch(LIBRARY_MESSAGE);
    }
  });
});

describe('a paid intake whose start the database cannot store', () => {
  it('is refused before the customer pays — not charged and then lost', async () => {
    const P = await t.customer('Paula Paid');
    const before = await tableState();
    const answer = await callAnswer(() =>
      P.client.intake.startSession.mutate(
        intake({ type: 'paid', scheduledFor: new Date('+010000-01-01T00:00:00.000Z') }),
      ),
    );
    if (answer.code !== 'ACCEPTED') {
      expectRefused([answer]);
      expect(await tableState()).toEqual(before);
      return;
    }
    // Accepted: follow the money. Paid means a session or a refund, whatever the intake said.
    const [intent] = await t.database.sql<{ stripe_checkout_session_id: string }[]>`
      SELECT stripe_checkout_session_id FROM checkout_intents WHERE customer_user_id = ${P.userId}`;
    await t.emulator.pay(intent!.stripe_checkout_session_id);
    await t.emulator.webhooksIdle();
    const [sessions] = await t.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM sessions WHERE customer_user_id = ${P.userId}`;
    const [refunds] = await t.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM stripe_refunds WHERE stripe_checkout_session_id = ${intent!.stripe_checkout_session_id}`;
    const webhookStatuses = t.emulator
      .deliveries()
      .filter((d) => d.eventType === 'checkout.session.completed')
      .map((d) => d.statusCode);
    expect({
      intakeAnswer: answer.code,
      sessionsOfThePayer: sessions!.n,
      refundsOwed: refunds!.n,
      webhookStatuses,
    }).toEqual({
      intakeAnswer: 'BAD_REQUEST',
      sessionsOfThePayer: 0,
      refundsOwed: 0,
      webhookStatuses: [],
    });
  });
});
