import { describe, expect, it } from 'vitest';
import { CONCERN_MAX_LENGTH, CONCERN_MIN_LENGTH, intakeSchema, MAX_SCHEDULE_AHEAD_DAYS } from './intake.ts';
import { VIN_CHECK_DIGIT_MESSAGE, vinCheckDigit } from './vin.ts';

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

describe('VIN check digit', () => {
  const withVin = (vin: string) => ({ ...valid, vehicle: { ...valid.vehicle, vin } });
  it('computes the North American check digit', () => {
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('11111111111111111')).toBe('1');
  });

  it('accepts a valid North American VIN and refuses one with a typo, with a clear message', () => {
    expect(intakeSchema.safeParse(withVin('1HGCM82633A004352')).success).toBe(true);
    expect(intakeSchema.safeParse(withVin('1m8gdm9axkp042788')).success).toBe(true);
    const typo = intakeSchema.safeParse(withVin('1HGCM82633A004353'));
    expect(typo.success).toBe(false);
    expect(typo.error?.issues.map((issue) => issue.message)).toEqual([VIN_CHECK_DIGIT_MESSAGE]);
    expect(VIN_CHECK_DIGIT_MESSAGE).toBe('VIN check digit does not match: check for a typo');
    // Every first character from 1 to 5 is North American.
    expect(intakeSchema.safeParse(withVin('5YJ3E1EA6KF000000')).success).toBe(true);
    expect(intakeSchema.safeParse(withVin('5YJ3E1EA7KF000000')).success).toBe(false);
  });

  it('does not check VINs made outside North America', () => {
    expect(intakeSchema.safeParse(withVin('WVWZZZAUZFW123456')).success).toBe(true);
    expect(intakeSchema.safeParse(withVin('JHMCM56557C404453')).success).toBe(true);
  });

  it('bounds the concern with the exported lengths', () => {
    expect(intakeSchema.safeParse({ ...valid, concern: 'x'.repeat(CONCERN_MIN_LENGTH - 1) }).success).toBe(
      false,
    );
    expect(intakeSchema.safeParse({ ...valid, concern: 'x'.repeat(CONCERN_MAX_LENGTH) }).success).toBe(true);
    expect(intakeSchema.safeParse({ ...valid, concern: 'x'.repeat(CONCERN_MAX_LENGTH + 1) }).success).toBe(
      false,
    );
  });
});
