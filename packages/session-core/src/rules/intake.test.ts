import { describe, expect, it } from 'vitest';
import { intakeSchema, MAX_SCHEDULE_AHEAD_DAYS } from './intake.ts';

const valid = {
  vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
  concern: 'Grinding noise when braking\nat low speed',
};

describe('intakeSchema', () => {
  it('accepts a plain intake, line breaks in the concern included', () => {
    expect(intakeSchema.safeParse(valid).success).toBe(true);
  });

  it('refuses control characters (PostgreSQL text cannot even store NUL)', () => {
    for (const intake of [
      { ...valid, vehicle: { ...valid.vehicle, make: 'Hon\u0000da' } },
      { ...valid, vehicle: { ...valid.vehicle, model: 'Civ\u0007ic' } },
      { ...valid, concern: 'Grinding noise\u0000 when braking' },
    ]) {
      expect(intakeSchema.safeParse(intake).success).toBe(false);
    }
  });

  it(`takes a start in the future and at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`, () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
    expect(intakeSchema.safeParse({ ...valid, scheduledFor: inDays(30) }).success).toBe(true);
    expect(intakeSchema.safeParse({ ...valid, scheduledFor: inDays(-1) }).success).toBe(false);
    expect(
      intakeSchema.safeParse({ ...valid, scheduledFor: inDays(MAX_SCHEDULE_AHEAD_DAYS + 1) }).success,
    ).toBe(false);
    expect(intakeSchema.safeParse({ ...valid, scheduledFor: '+010000-01-01T00:00:00.000Z' }).success).toBe(
      false,
    );
  });
});
