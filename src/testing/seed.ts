/** The helpers a generated sample builds its strings with (generated/<api>.samples.ts's `SampleSeed`). */
export interface SampleSeed {
  s(slot: number, min?: number, max?: number): string;
  u(slot: number): string;
  t(slot: number): string;
  d(slot: number): string;
  e(slot: number): string;
  w(slot: number): string;
}

/** The samples table a fake answers from when no handler does: by operation, then response status as the spec writes it. */
export type Samples = Record<string, Record<string, ((g: SampleSeed) => unknown) | null>>;

const EPOCH = Date.UTC(2024, 0, 1);

/**
 * Seeded strings, the same for the same seed: seed 0 gives "" (or `minLength` x's), the nil-like uuid
 * 00000000-0000-4000-8000-000000000000 and 2024-01-01; another seed gives other values, each slot (a string's
 * place in the sample) its own.
 */
export function seeded(seed: number): SampleSeed {
  const hex = (value: number, width: number) => (value >>> 0).toString(16).padStart(width, "0").slice(-width);
  // Within a century of the epoch, whatever the seed: a Date past year 275760 is invalid.
  const day = Math.abs(Math.trunc(seed)) % 36_500;
  const time = (slot: number) => new Date(EPOCH + day * 86_400_000 + slot * 1000).toISOString();
  return {
    s: (slot, min = 0, max = Number.POSITIVE_INFINITY) => (seed ? `s${seed}-${slot}` : "").padEnd(min, "x").slice(0, max),
    u: (slot) => `${hex(seed, 8)}-0000-4000-8000-${hex(slot, 12)}`,
    t: time,
    d: (slot) => time(slot).slice(0, 10),
    e: (slot) => `user${seed}-${slot}@example.com`,
    w: (slot) => `https://example.com/${seed}/${slot}`,
  };
}
