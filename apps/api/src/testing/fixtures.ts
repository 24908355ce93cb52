/** A valid intake, with overrides. */
export function intake(overrides: Record<string, unknown> = {}) {
  return {
    type: 'free' as 'free' | 'credit' | 'paid',
    vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    concern: 'Grinding noise when braking at low speed',
    ...overrides,
  };
}

/** A valid end-of-session summary, with overrides. */
export function summary(overrides: Record<string, unknown> = {}) {
  return {
    found: 'Worn front brake pads; the discs are fine',
    nextSteps: 'Replace the front pads within the next 500 km',
    workshopVisitNeeded: true,
    ...overrides,
  };
}
