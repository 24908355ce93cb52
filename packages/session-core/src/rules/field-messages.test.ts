import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mechanicInvitationSchema, signInSchema, signUpSchema } from './account.ts';
import { intakeSchema, sessionTypeSchema } from './intake.ts';
import { roomMessageSchema, ROOM_LIMITS, sessionSummarySchema } from './room.ts';

// Parsed with this as the fallback error map: a message that comes out as it is one the schema
// left to the validation library ("Too big: expected string to have <=60 characters").
const LIBRARY_WORDS = '(the validation library’s own words)';

type AnySchema = z.core.$ZodType;

/** The messages a person would read for `input`, by field. */
function messagesFor(schema: AnySchema, input: unknown): string[] {
  const result = z.safeParse(schema, input, { error: () => LIBRARY_WORDS });
  expect(result.success, `expected ${JSON.stringify(input)} to be refused`).toBe(false);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const validIntake = {
  vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
  concern: 'Grinding noise from the front left wheel when braking.',
};
const intakeWith = (patch: Record<string, unknown>, vehicle: Record<string, unknown> = {}) => ({
  ...validIntake,
  ...patch,
  vehicle: { ...validIntake.vehicle, ...vehicle },
});
const validUuid = crypto.randomUUID();
const long = (length: number) => 'x'.repeat(length);
const BAD_TEXT = ['', long(5_000), 'a\u0000b', 42, null];

const refused: [string, AnySchema, unknown][] = [
  ...BAD_TEXT.flatMap((make): [string, AnySchema, unknown][] => [
    [`make ${JSON.stringify(make).slice(0, 20)}`, intakeSchema, intakeWith({}, { make })],
    [`model ${JSON.stringify(make).slice(0, 20)}`, intakeSchema, intakeWith({}, { model: make })],
  ]),
  ...['2017', Number.NaN, 2017.5, 1800, 3000, null].map((year): [string, AnySchema, unknown] => [
    `year ${String(year)}`,
    intakeSchema,
    intakeWith({}, { year }),
  ]),
  ...['abc', 42, '1HGCM82633A00435X'].map((vin): [string, AnySchema, unknown] => [
    `vin ${String(vin)}`,
    intakeSchema,
    intakeWith({}, { vin }),
  ]),
  ['no vehicle', intakeSchema, { ...validIntake, vehicle: 'a car' }],
  ...BAD_TEXT.map((concern): [string, AnySchema, unknown] => [
    `concern ${JSON.stringify(concern).slice(0, 20)}`,
    intakeSchema,
    intakeWith({ concern }),
  ]),
  ...['not a date', new Date(Date.now() - 60_000), new Date(Date.now() + 400 * 86_400_000)].map(
    (scheduledFor): [string, AnySchema, unknown] => [
      `scheduledFor ${String(scheduledFor)}`,
      intakeSchema,
      intakeWith({ scheduledFor }),
    ],
  ),
  ['photo ids not uuids', intakeSchema, intakeWith({ photoIds: ['photo-1'] })],
  ['photo ids not a list', intakeSchema, intakeWith({ photoIds: 'photo-1' })],
  [
    'too many photos',
    intakeSchema,
    intakeWith({ photoIds: Array.from({ length: 20 }, () => crypto.randomUUID()) }),
  ],
  ['a photo twice', intakeSchema, intakeWith({ photoIds: [validUuid, validUuid] })],
  ['no way to pay', sessionTypeSchema, undefined],
  ['an unknown way to pay', sessionTypeSchema, 'gold'],
  ...[
    { name: '', email: 'robin@example.com', password: 'a long password' },
    { name: long(300), email: 'robin@example.com', password: 'a long password' },
    { name: 'Ro\u0007bin', email: 'robin@example.com', password: 'a long password' },
    { name: 42, email: 'robin@example.com', password: 'a long password' },
    { name: 'Robin', email: 'robin', password: 'a long password' },
    { name: 'Robin', email: `${long(300)}@example.com`, password: 'a long password' },
    { name: 'Robin', email: 42, password: 'a long password' },
    { name: 'Robin', email: 'robin@example.com', password: 'short' },
    { name: 'Robin', email: 'robin@example.com', password: long(300) },
    { name: 'Robin', email: 'robin@example.com', password: 42 },
  ].map((input): [string, AnySchema, unknown] => [
    `sign-up ${JSON.stringify(input).slice(0, 60)}`,
    signUpSchema,
    input,
  ]),
  ...[
    { email: 'robin', password: 'a long password' },
    { email: 'robin@example.com', password: '' },
    { email: 'robin@example.com', password: long(300) },
    { email: undefined, password: undefined },
  ].map((input): [string, AnySchema, unknown] => [`sign-in ${JSON.stringify(input)}`, signInSchema, input]),
  ...[
    { email: 'robin', name: 'Robin' },
    { email: 42, name: 'Robin' },
    { email: `${long(300)}@example.com`, name: 'Robin' },
    { email: 'robin@example.com', name: '' },
    { email: 'robin@example.com', name: long(300) },
    { email: 'robin@example.com', name: 'Ro\u0007bin' },
    { email: undefined, name: undefined },
  ].map((input): [string, AnySchema, unknown] => [
    `invitation ${JSON.stringify(input).slice(0, 60)}`,
    mechanicInvitationSchema,
    input,
  ]),
  ...[
    { body: long(ROOM_LIMITS.messageMaxChars + 1) },
    { body: 'bell\u0007' },
    { body: '   ' },
    { body: 42 },
    {
      body: 'hi',
      photoIds: Array.from({ length: ROOM_LIMITS.photosPerMessage + 1 }, () => crypto.randomUUID()),
    },
  ].map((input): [string, AnySchema, unknown] => [
    `room message ${JSON.stringify(input).slice(0, 40)}`,
    roomMessageSchema,
    { clientMessageId: crypto.randomUUID(), ...input },
  ]),
  ...[
    { found: '', nextSteps: 'Replace the pads.', workshopVisitNeeded: true },
    { found: long(3_000), nextSteps: 'Replace the pads.', workshopVisitNeeded: true },
    { found: 'Worn pads', nextSteps: 'a\u0000b', workshopVisitNeeded: true },
    { found: 'Worn pads', nextSteps: 42, workshopVisitNeeded: true },
    { found: 'Worn pads', nextSteps: 'Replace the pads.', workshopVisitNeeded: 'yes' },
  ].map((input): [string, AnySchema, unknown] => [
    `summary ${JSON.stringify(input).slice(0, 40)}`,
    sessionSummarySchema,
    input,
  ]),
];

describe('field messages', () => {
  it.each(refused)('%s: every message is ours, not the validation library’s', (_case, schema, input) => {
    const messages = messagesFor(schema, input);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((message) => message.endsWith(LIBRARY_WORDS))).toEqual([]);
  });

  it('says what to do about a 300-character make', () => {
    expect(messagesFor(intakeSchema, intakeWith({}, { make: long(300) }))).toEqual([
      'vehicle.make: Shorten the make to 60 characters or fewer',
    ]);
  });
});
