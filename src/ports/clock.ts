/**
 * The clock port: where timestamps come from, replaceable in tests.
 * Example: fixedClock("2026-03-31T17:00:00.000Z").now() → "2026-03-31T17:00:00.000Z".
 */
export interface Clock {
  /** ISO 8601 timestamp in UTC */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export function fixedClock(iso: string): Clock {
  return { now: () => iso };
}
