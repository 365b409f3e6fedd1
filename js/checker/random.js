// The project's one seeded generator (Mulberry32, 32-bit state): the
// checker's cases and the page's practice sets draw from it, so a seed means
// the same stream everywhere.

/** A stream of numbers in [0, 1); the same seed gives the same stream. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one seeded stream: next(), int(lo, hi) inclusive, chance(p), pick(list). */
export function seededRandom(seed) {
  const next = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, chance: (p) => next() < p, pick: (list) => list[int(0, list.length - 1)] };
}
