/** A valid intake, with overrides. */
export function intake(overrides: Record<string, unknown> = {}) {
  return {
    type: 'free' as 'free' | 'credit' | 'paid',
    vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    concern: 'Grinding noise when braking at low speed',
    ...overrides,
  };
}
